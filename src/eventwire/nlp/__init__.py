"""The linguistic backbone: spaCy over the article text, with case restored when it is lost.

``Annotator.annotate`` returns an ``AnnotatedText``: the spaCy ``Doc`` of a text with the same
length as the article's, so token offsets are article offsets. Surface strings are always
taken from the article text, never from the (possibly re-cased) parse.
"""

from eventwire.nlp.annotate import AnnotatedText, Annotator, load_spacy
from eventwire.nlp.truecase import is_caseless, truecase

__all__ = ["AnnotatedText", "Annotator", "is_caseless", "load_spacy", "truecase"]
