"""Evaluation of extraction against gold data (MUC-4 in ``muc4_*`` modules, see docs/muc4.md).

Nothing is imported here: evaluation modules pull in scipy and the corpus readers, which the
extraction path never needs.
"""
