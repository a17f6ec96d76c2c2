"""Sinks against real local receivers (HTTP and SMTP on 127.0.0.1) and the outbox's guarantees."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from eventwire.alerts import signing
from eventwire.alerts.console import StdoutSink
from eventwire.alerts.deliver import Outbox, backoff_seconds
from eventwire.alerts.evaluate import evaluate, start_cursor
from eventwire.alerts.filesink import FileSink, ids_in
from eventwire.alerts.rules import Rule
from eventwire.alerts.sinks import DeliveryError, SinkSettings, build_sink
from eventwire.alerts.testing import SmtpReceiver, WebhookReceiver
from eventwire.store import Store, open_store
from eventwire.store import alerts_queries as aq
from test_alerts_evaluate import KABUL, add, report

SECRET = "test-secret-0123456789"
ADAPTER = TypeAdapter(SinkSettings)


def settings(**kw: object):  # noqa: ANN201
    return ADAPTER.validate_python(kw)


class Clock:
    """A clock the test moves, so backoff waits cost no real time."""

    def __init__(self) -> None:
        import time

        self.t = time.time()

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(str(tmp_path / "sinks.db"))
    start_cursor(s)
    yield s
    s.close()


def alerts_for(store: Store, sinks: list[str], n: int = 1) -> None:
    docs = ["a", "k"][:n]
    for doc in docs:
        add(store, doc, report(doc, 12) if doc == "a" else report(doc, 3, KABUL, "kidnapping"))
    evaluate(store, [Rule(name="every")], {"every": sinks})


def hook_sink(url: str, **kw: object):  # noqa: ANN201
    return build_sink("hook", settings(type="webhook", url=url, secret=SECRET, allow_private=True, retry_base=1, retry_max=60, **kw))


def test_webhook_posts_signed_json_with_the_idempotency_key(store: Store):
    alerts_for(store, ["hook"])
    with WebhookReceiver(SECRET) as hook:
        report = Outbox(store, {"hook": hook_sink(hook.url)}).deliver()
    assert report.delivered == 1 and hook.bad_signatures == 0
    [(key, body)] = hook.alerts.items()
    headers = hook.headers[0]
    assert headers["idempotency-key"] == headers["x-eventwire-alert-id"] == key == body["alert_id"]
    assert headers["content-type"] == "application/json" and headers["user-agent"].startswith("eventwire/")
    assert body["rule"] == "every" and body["event"]["location"] == "Mogadishu"
    assert aq.send_counts(store.db) == {"delivered": 1}


def test_signature_check_refuses_other_secrets_tampering_and_old_stamps():
    body = b'{"alert_id":"ew-1"}'
    header = signing.signature("s3cret", 1_700_000_000, body)
    assert signing.verify("s3cret", header, body, at=1_700_000_010)
    assert not signing.verify("other", header, body, at=1_700_000_010)
    assert not signing.verify("s3cret", header, body + b" ", at=1_700_000_010)
    assert not signing.verify("s3cret", header, body, at=1_700_001_000)
    assert not signing.verify("s3cret", None, body) and not signing.verify("s3cret", "t=x,v1=y", body)


def test_webhook_outage_is_retried_with_backoff_then_delivered(store: Store):
    alerts_for(store, ["hook"])
    clock = Clock()
    with WebhookReceiver(SECRET) as hook:
        hook.fail_next(2, 503)
        outbox = Outbox(store, {"hook": hook_sink(hook.url)}, clock)
        first = outbox.deliver()
        assert (first.delivered, first.failed_attempts) == (0, 1)
        assert outbox.deliver().failed_attempts == 0  # not due yet: no request
        assert 0.8 <= outbox.next_due() <= 1.2  # base 1 s, +-20%
        clock.t += 1.3
        assert outbox.deliver().failed_attempts == 1
        assert 1.6 <= outbox.next_due() <= 2.4  # doubled
        clock.t += 2.5
        assert outbox.deliver().delivered == 1
    assert hook.posts == 3 and len(hook.alerts) == 1
    [row] = aq.recent_alerts(store.db)
    assert row["sends"][0]["attempts"] == 3 and row["sends"][0]["status"] == "delivered"


def test_retry_after_is_honoured_and_4xx_is_permanent(store: Store):
    alerts_for(store, ["hook"], n=2)
    clock = Clock()
    with WebhookReceiver(SECRET) as hook:
        hook.fail_next(1, 429)
        hook.retry_after = 7
        outbox = Outbox(store, {"hook": hook_sink(hook.url)}, clock)
        outbox.deliver()
        first = min(a["id"] for a in aq.recent_alerts(store.db))
        due = store.db.scalar("SELECT next_attempt FROM alert_sends WHERE alert_id = ?", [first])
        assert aq.parse_iso(due) - clock.t == pytest.approx(7, abs=0.01)  # Retry-After beats the 1 s backoff
        assert outbox.next_due() == 0  # the other alert was not tried (the sink had just failed)
        clock.t += 8
        hook.fail_next(1, 400)
        report = outbox.deliver()
        assert report.given_up == 1 and report.delivered == 0  # the sink failed: its next alert waits
        assert outbox.deliver().delivered == 1
    statuses = sorted((s["status"], s["attempts"]) for a in aq.recent_alerts(store.db) for s in a["sends"])
    assert statuses == [("delivered", 1), ("failed", 2)]


def test_a_send_is_given_up_after_max_attempts(store: Store):
    alerts_for(store, ["hook"])
    clock = Clock()
    with WebhookReceiver(SECRET) as hook:
        hook.down = True
        outbox = Outbox(store, {"hook": hook_sink(hook.url, max_attempts=3)}, clock)
        for _ in range(4):
            outbox.deliver()
            clock.t += 100
    assert hook.posts == 3 and aq.send_counts(store.db) == {"failed": 1}


def test_a_down_webhook_never_holds_up_the_other_sinks(store: Store, tmp_path: Path):
    alerts_for(store, ["hook", "file"], n=2)
    out = tmp_path / "alerts.jsonl"
    with WebhookReceiver(SECRET) as hook:
        hook.down = True
        report = Outbox(store, {"hook": hook_sink(hook.url), "file": build_sink("file", settings(type="file", path=out))}).deliver()
    assert report.delivered == 2 and report.failed_attempts == 1 and hook.posts == 1  # one try per pass
    assert len(ids_in(out)) == 2


def test_an_unreachable_webhook_is_a_retryable_failure(store: Store):
    import socket

    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DeliveryError) as err:
        hook_sink(f"http://127.0.0.1:{port}/hook", timeout=2).send({"alert_id": "ew-x"})
    assert err.value.retryable


def test_private_webhooks_need_the_switch_at_config_and_at_connect(store: Store):
    with pytest.raises(ValidationError, match="allow_private"):
        settings(type="webhook", url="http://127.0.0.1:9/hook", secret=SECRET)
    with pytest.raises(ValidationError, match="allow_private"):
        settings(type="webhook", url="http://localhost:9/hook", secret=SECRET)
    # "127.1" is not an IP literal to the config check, but resolves to 127.0.0.1: refused at connect
    sink = build_sink("h", settings(type="webhook", url="http://127.1:9/hook", secret=SECRET))
    with pytest.raises(DeliveryError, match="private or local") as err:
        sink.send({"alert_id": "ew-x"})
    assert not err.value.retryable


def test_webhook_secrets_come_from_exactly_one_place(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    with pytest.raises(ValidationError, match="exactly one of secret"):
        settings(type="webhook", url="https://hooks.example/x")
    monkeypatch.setenv("EW_TEST_SECRET", "from-env")
    assert build_sink("h", settings(type="webhook", url="https://hooks.example/x", secret_env="EW_TEST_SECRET"))._secret == "from-env"
    (tmp_path / "secret").write_text("from-file\n")
    assert build_sink("h", settings(type="webhook", url="https://hooks.example/x", secret_file=tmp_path / "secret"))._secret == "from-file"
    from eventwire.errors import ConfigError

    with pytest.raises(ConfigError, match="EW_MISSING is not set"):
        build_sink("h", settings(type="webhook", url="https://hooks.example/x", secret_env="EW_MISSING"))


def test_email_reaches_a_real_smtp_server_with_the_alert_id(store: Store):
    alerts_for(store, ["mail"])
    with SmtpReceiver() as smtp:
        mail = build_sink("mail", settings(type="email", host="127.0.0.1", port=smtp.port, **{"from": "ew@localhost"},
                                            to=["a@localhost", "b@localhost"], timeout=5))
        assert Outbox(store, {"mail": mail}).deliver().delivered == 1
    [msg] = smtp.messages
    key = aq.recent_alerts(store.db)[0]["alert_key"]
    assert msg["Message-ID"] == f"<{key}@eventwire>" and msg["X-Eventwire-Alert-Id"] == key
    assert msg["Subject"].startswith("[eventwire] every: explosion/bombing in Mogadishu")
    assert smtp.envelopes[0][1] == ["<a@localhost>", "<b@localhost>"]
    text = msg.get_body(("plain",)).get_content()
    assert "Why: new event" in text and key in text
    attachment = next(msg.iter_attachments())
    assert json.loads(attachment.get_content())["alert_id"] == key


def test_email_4xx_is_retried_5xx_is_permanent(store: Store):
    alerts_for(store, ["mail"], n=2)
    clock = Clock()
    with SmtpReceiver() as smtp:
        mail = build_sink("mail", settings(type="email", host="127.0.0.1", port=smtp.port, **{"from": "ew@localhost"},
                                            to=["a@localhost"], retry_base=1))
        outbox = Outbox(store, {"mail": mail}, clock)
        smtp.fail_next(1, 451)
        assert outbox.deliver().failed_attempts == 1
        clock.t += 2
        smtp.fail_next(1, 554)
        report = outbox.deliver()
        assert report.given_up == 1
        clock.t += 5
        assert outbox.deliver().delivered == 1
    assert len(smtp.messages) == 1 and aq.send_counts(store.db) == {"delivered": 1, "failed": 1}


def test_file_sink_dedupes_itself_across_restarts_and_torn_lines(tmp_path: Path):
    out = tmp_path / "sub" / "alerts.jsonl"
    sink = FileSink("f", settings(type="file", path=out))
    sink.send({"alert_id": "ew-1", "n": 1})
    sink.send({"alert_id": "ew-1", "n": 1})
    with out.open("a") as handle:
        handle.write('{"alert_id": "ew-2", "n"')  # a crash mid-write
    again = FileSink("f", settings(type="file", path=out))  # a restarted watcher
    again.send({"alert_id": "ew-1", "n": 1})
    again.send({"alert_id": "ew-2", "n": 2})
    lines = out.read_text().splitlines()
    assert [json.loads(ln)["alert_id"] for ln in lines if ln.endswith("}")] == ["ew-1", "ew-2"]
    assert ids_in(out) == {"ew-1", "ew-2"}


def test_a_crash_between_send_and_mark_redelivers_with_the_same_id(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    alerts_for(store, ["hook", "file"])
    out = tmp_path / "alerts.jsonl"
    real = aq.mark_delivered

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # killed after the sink accepted, before the store knew

    with WebhookReceiver(SECRET) as hook:
        sinks = {"hook": hook_sink(hook.url), "file": build_sink("file", settings(type="file", path=out))}
        monkeypatch.setattr(aq, "mark_delivered", crash)
        with pytest.raises(KeyboardInterrupt):
            Outbox(store, sinks).deliver()
        monkeypatch.setattr(aq, "mark_delivered", real)
        restarted = {"hook": hook_sink(hook.url), "file": build_sink("file", settings(type="file", path=out))}
        assert Outbox(store, restarted).deliver().delivered == 2
        assert Outbox(store, restarted).deliver().delivered == 0
    assert hook.posts == 2 and len(hook.alerts) == 1 and sum(hook.duplicates.values()) == 1
    assert len(out.read_text().splitlines()) == 1


def test_stdout_sink_writes_json_or_one_text_line(store: Store):
    alerts_for(store, ["out"])
    [row] = aq.recent_alerts(store.db)
    buf = io.StringIO()
    StdoutSink("out", settings(type="stdout"), buf).send(row["payload"])
    StdoutSink("out", settings(type="stdout", format="text"), buf).send(row["payload"])
    first, second = buf.getvalue().splitlines()
    assert json.loads(first)["alert_id"] == row["alert_key"]
    assert second.startswith("[every] explosion/bombing in Mogadishu") and " | Why: new event" in second


def test_backoff_doubles_and_is_capped():
    import random

    rnd = random.Random(1)
    waits = [backoff_seconds(n, 2, 30, rnd) for n in range(1, 8)]
    assert 1.6 <= waits[0] <= 2.4 and 3.2 <= waits[1] <= 4.8 and all(w <= 36 for w in waits)


def test_log_sink_logs_one_line_per_alert(store: Store, caplog: pytest.LogCaptureFixture):
    alerts_for(store, ["log"])
    with caplog.at_level("INFO", logger="eventwire.alerts"):
        assert Outbox(store, {"log": build_sink("log", settings(type="log", level="info"))}).deliver().delivered == 1
    [record] = [r for r in caplog.records if r.getMessage().startswith("alert ew-")]
    assert record.levelname == "INFO" and "[every] explosion/bombing in Mogadishu" in record.getMessage()
