"""Word lists the article cleaners consult: data only, no logic (house style).

Lower-case throughout; callers compare with ``casefold()``.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words: a high share of these among the tokens means English (language.py).
STOPWORDS_EN = _words(
    """the of and to in a is that for on was with as by at it from he she said were be are has
    have had an his her their its which not but this after who been they or also will would
    there than when into about over while we our you i them these those what where did do
    does being during against between under"""
)

# Words that rule out a capitalised 2-4 word first line being a person's name: section labels,
# places and verbs that make a short title-case line a headline rather than a byline.
NON_NAME_WORDS = _words(
    """news breaking world latest update updates home live video videos photo photos opinion
    analysis editorial report reports special exclusive politics business sport sports middle
    east west north south africa asia europe america americas security terrorism attack attacks
    attacked bomb bombs bombing blast blasts killed kills kill dead death deaths police army
    military government president minister war conflict crisis press release statement today
    contents index menu search subscribe login sign share comments comment advertisement related
    stories story more top read also see international national local region regional global
    daily weekly times post herald tribune journal gazette agency reuters associated afp ap
    efe xinhua new york united states nations kingdom republic of the and in on at for to
    strike strikes clash clashes protest protests riot riots fire shooting shot wounded injured
    says said warns vows calls claims court trial election elections rebels troops forces
    importance impact background conclusion introduction summary overview timeline"""
)

# Particles allowed inside personal names ("Ahmed bin Ali", "Ursula von der Leyen").
NAME_PARTICLES = _words("al el de da di du van von der den bin ibn la le del dos das abu")

# Job titles and agencies that make "Jane Doe | X" or "By Jane Doe, X" a byline.
ROLE_KEYWORDS = _words(
    """writer staff correspondent reporter editor contributor columnist journalist bureau chief
    senior special foreign political security diplomatic investigative producer analyst fellow
    researcher associate deputy managing news desk agency reuters ap afp efe xinhua dpa ani pti
    ians upi bloomberg anadolu associated press agence france-presse france presse tass"""
)

# Words that mark a comment or link as spam.
SPAM_WORDS = (
    "viagra",
    "cialis",
    "sildenafil",
    "tadalafil",
    "levitra",
    "casino",
    "poker",
    "porn",
    "xxx",
    "payday",
    "escort",
    "replica",
    "pharmacy",
    "weight loss",
    "essay writing",
    "buy cheap",
    "forex",
    "bitcoin",
)

# Share-bar labels: a line made only of these is a share bar.
SOCIAL_WORDS = _words(
    """facebook twitter x whatsapp telegram linkedin email e-mail mail print reddit pinterest
    messenger instagram youtube tiktok threads flipboard sms tweet pocket vk copy link share
    bluesky mastodon"""
)

# HTML element names: tags of these are stripped even from plain text (text.py).
HTML_TAGS = _words(
    """a abbr applet area article aside audio b base basefont bgsound blink blockquote body br
    button canvas caption center cite code col colgroup dd del details dialog div dl dt em embed
    fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr
    html i iframe img image input ins isindex keygen label legend li link main map mark marquee
    math meta nav noembed noframes noscript object ol optgroup option p param picture plaintext
    pre q s script section select small source span strike strong style sub summary sup svg
    table tbody td template textarea tfoot th thead time title tr track tt u ul video wbr
    xmp"""
)
