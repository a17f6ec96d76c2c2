"""A document's home country from where it was published (the country-code domain of its URL).

Local news names local places without saying which country they are in ("London police",
"Edmonton school"); the outlet's country is then the best context there is. Only country-code
top-level domains count, and not those sold worldwide as vanity names (.co, .io, .tv, ...).
"""

from __future__ import annotations

from urllib.parse import urlsplit

# ccTLDs that do not say where a site is: sold worldwide for their look or meaning.
VANITY_TLDS = {"co", "io", "tv", "me", "ly", "fm", "ai", "ws", "cc", "to", "gg", "nu", "tk",
               "ml", "ga", "cf", "gq", "sh", "st", "vc", "so", "im", "ag", "pw"}
TLD_COUNTRY = {"uk": "GB", "su": "RU"}


def home_country(url_or_domain: str | None, known: set[str] | None = None) -> str | None:
    """ISO alpha-2 of the country whose domain the URL is under ("www.cbc.ca" -> "CA"), or None.

    ``known``, when given, is the set of country codes the caller can use; others give None.
    """
    if not url_or_domain:
        return None
    s = url_or_domain.strip()
    host = urlsplit(s if "//" in s else "//" + s).hostname or ""
    tld = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in VANITY_TLDS:
        return None
    cc = TLD_COUNTRY.get(tld, tld.upper())
    return cc if known is None or cc in known else None
