"""HTML pages: dashboard, event, article, add-a-source, API docs and login.

Pages are Jinja2 templates with autoescaping on for every file; no page has an inline script
or style (the Content-Security-Policy forbids them), so each page's behaviour is a static
JavaScript file that reads ``data-`` attributes and calls the JSON API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from eventwire import __version__
from eventwire.api.security import COOKIE, _matches, read_allowed
from eventwire.web import views
from eventwire.web.highlight import safe_href

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
router = APIRouter(include_in_schema=False)

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,  # every template, whatever its name
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["safe_href"] = safe_href
_env.filters["country_name"] = views.country_name
_env.filters["n"] = lambda v: "–" if v is None else f"{v:,}" if isinstance(v, int) else str(v)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _env.get_template(name).render(request=request, version=__version__, **context)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _gate(request: Request) -> Response | None:
    """Redirect to the login page when reads need the token and none was given."""
    if read_allowed(request):
        return None
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def not_found(request: Request, what: str) -> HTMLResponse:
    return render(request, "error.html", status=404, title="Not found", message=what)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    return _gate(request) or render(request, "dashboard.html", title="Dashboard")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> Response:
    if (redirect := _gate(request)) is not None:
        return redirect
    if not event_id.isdigit() or len(event_id) > 18:
        return not_found(request, "There is no such event.")
    with request.app.state.pool.borrow() as store:
        page = views.event_page(store, int(event_id))
    if page is None:
        return not_found(request, f"There is no event {int(event_id)}.")
    return render(request, "event.html", title=f"Event {event_id}", **page)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> Response:
    if (redirect := _gate(request)) is not None:
        return redirect
    if not article_id.isdigit() or len(article_id) > 18:
        return not_found(request, "There is no such article.")
    with request.app.state.pool.borrow() as store:
        page = views.article_page(store, int(article_id))
    if page is None:
        return not_found(request, f"There is no article {int(article_id)}.")
    return render(request, "article.html", title=page["article"]["title"] or f"Article {article_id}", **page)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/add", response_class=HTMLResponse)
def add(request: Request) -> Response:
    return _gate(request) or render(request, "add.html", title="Add a source")


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    return render(request, "docs.html", title="API")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:  # noqa: A002
    return render(request, "login.html", title="Log in", next=_local(next), error=None)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: Annotated[str, Form(max_length=500)], next: Annotated[str, Form(max_length=500)] = "/") -> Response:  # noqa: A002
    if not _matches(token, request.app.state.settings.token):
        return render(request, "login.html", status=401, title="Log in", next=_local(next), error="That token is not right.")
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


def _local(path: str) -> str:
    """Only same-site paths as redirect targets (no open redirect to another host)."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"
