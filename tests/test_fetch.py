"""Fetching: limits, errors a reporter can cause, charset, and the SSRF guard."""

from __future__ import annotations

import re

import pytest

from bot.errors import BadInput, BlockedAddress, FetchError, PageTooLarge, UnsupportedContent
from bot.fetch import check_url, fetch
from tests.fakes.articles import ArticleServer, Page


def test_fetches_html_with_bot_user_agent(settings, example_html):
    with ArticleServer({"/a": Page(example_html.encode())}) as server:
        page = fetch(server.url("/a"), settings)
    assert page.content_type == "text/html"
    assert "Harwick" in page.content
    assert "newsbot" in server.requests[0][1]["User-Agent"]


@pytest.mark.parametrize(
    ("status", "reason"),
    [(404, "not found (404)"), (410, "removed (410)"), (403, "refused"), (500, "error (500)")],
)
def test_http_errors_become_one_sentence(settings, status, reason):
    with ArticleServer({"/gone": Page(b"x", status=status)}) as server:
        with pytest.raises(FetchError, match=re.escape(reason)):
            fetch(server.url("/gone"), settings)


def test_slow_site_times_out(settings):
    slow = settings.model_copy(update={"fetch_read_timeout_s": 0.2})
    with ArticleServer({"/slow": Page(b"<p>late</p>", delay_s=1.0)}) as server:
        with pytest.raises(FetchError, match="too long"):
            fetch(server.url("/slow"), slow)


def test_page_over_the_size_limit_is_refused(settings):
    small = settings.model_copy(update={"max_page_bytes": 100_000})
    with ArticleServer({"/big": Page(b"<p>" + b"word " * 50_000 + b"</p>")}) as server:
        with pytest.raises(PageTooLarge, match=r"larger than 0\.1 MB"):
            fetch(server.url("/big"), small)


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("application/pdf", b"%PDF-1.7 ...", "PDFs are not supported yet"),
        ("application/octet-stream", b"%PDF-1.4 ...", "PDFs are not supported yet"),
        ("image/png", b"\x89PNG", "image/png file, not a web page"),
    ],
)
def test_documents_that_are_not_pages(settings, content_type, body, message):
    with ArticleServer({"/doc": Page(body, content_type)}) as server:
        with pytest.raises(UnsupportedContent, match=message):
            fetch(server.url("/doc"), settings)


def test_follows_a_few_redirects_but_not_a_loop(settings):
    pages = {f"/r{i}": Page(status=302, headers={"Location": f"/r{i + 1}"}) for i in range(10)}
    pages["/r3"] = Page(b"<p>arrived</p>")
    with ArticleServer(pages) as server:
        assert fetch(server.url("/r0"), settings).url == server.url("/r3")
        with pytest.raises(FetchError, match="redirects more than 5 times"):
            fetch(server.url("/r4"), settings)


def test_charset_from_header_and_from_meta(settings):
    latin = "<html><head><meta charset='iso-8859-1'></head><p>Café déjà vu</p></html>"
    pages = {
        "/header": Page("<p>Café crème</p>".encode("cp1252"), "text/html; charset=windows-1252"),
        "/meta": Page(latin.encode("iso-8859-1"), "text/html"),
    }
    with ArticleServer(pages) as server:
        assert "Café crème" in fetch(server.url("/header"), settings).content
        assert "Café déjà vu" in fetch(server.url("/meta"), settings).content


def test_mojibake_the_page_itself_holds_is_repaired(settings):
    """UTF-8 that the site's software read as Latin-1, once or twice, before serving it."""
    said = "<p>“We’re pleased,” said the mayor of Saint-Étienne.</p>"
    once = said.encode("utf-8").decode("latin-1")
    twice = once.encode("utf-8").decode("latin-1")
    pages = {
        "/once": Page(once.encode("utf-8"), "text/html; charset=utf-8"),
        "/twice": Page(twice.encode("utf-8"), "text/html; charset=utf-8"),
    }
    with ArticleServer(pages) as server:
        for path in pages:
            assert said in fetch(server.url(path), settings).content, path


def test_stray_windows_1252_bytes_in_a_utf8_page_spoil_none_of_its_utf8(settings):
    """An older page in UTF-8 with one apostrophe pasted in from Windows-1252 ("\x92")."""
    body = (
        "<html><head><meta charset='utf-8'></head><p>A new “choose your own adventure” series"
        " – the company’s first.</p>".encode()
        + b"<p>Read more: Is the company\x92s base worth it?</p></html>"
    )
    # a page in Windows-1250 that wrongly declares UTF-8 is still read as Windows-1250
    polish = "<html><head><meta charset='utf-8'></head><p>Zażółć gęślą jaźń, powiedział.</p>"
    pages = {
        "/mixed": Page(body, "text/html"),
        "/declared": Page(body, "text/html; charset=utf-8"),
        "/polish": Page(polish.encode("cp1250") * 20, "text/html"),
    }
    with ArticleServer(pages) as server:
        for path in ("/mixed", "/declared"):
            content = fetch(server.url(path), settings).content
            assert "“choose your own adventure” series – the company’s first." in content, path
            assert "the company’s base worth it?" in content, path
        assert "Zażółć gęślą jaźń" in fetch(server.url("/polish"), settings).content


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/admin",
        "http://2130706433/",  # 127.0.0.1 written as a decimal
        "http://0x7f000001/",  # ... and as hex
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
    ],
)
def test_private_addresses_are_blocked(url):
    with pytest.raises(BlockedAddress, match="private or internal"):
        check_url(url, allow_private=False)


def test_guard_runs_before_any_request(settings):
    guarded = settings.model_copy(update={"allow_private_urls": False})
    with ArticleServer({"/a": Page(b"<p>secret</p>")}) as server:
        with pytest.raises(BlockedAddress):
            fetch(server.url("/a"), guarded)
    assert server.requests == []


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "http:///nohost"])
def test_only_complete_http_links(url):
    with pytest.raises(BadInput):
        check_url(url, allow_private=True)
