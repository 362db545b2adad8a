"""Provider downloads (issue 12, item 5): the API token goes to the API host only; outputs come over https
from allow-listed hosts, never from (or redirected to) loopback, link-local or private addresses, and
never larger than the cap. The fake serves over http on 127.0.0.1, so tests widen the policy explicitly;
the default stays strict.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)
from vibecraft.config import Settings
from vibecraft.providers.base import ClipRequest, ProviderError
from vibecraft.providers.replicate import ReplicateVideoProvider
from vibecraft.providers.replicate_http import OutputExpired, OutputPolicy, ReplicateHTTP, UnsafeOutputURL
from vibecraft.video.shapes import SHAPES

FAKE_POLICY = OutputPolicy(hosts=("127.0.0.1",), allow_http=True)


@pytest.fixture
def redirector():
    """A server on 127.0.0.1 that answers each path with a redirect to the URL in its query (or a body)."""
    targets: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            target = targets.get(self.path)
            if target:
                self.send_response(302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b"x" * 4096
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", targets
    server.shutdown()
    server.server_close()


def http(policy: OutputPolicy = FAKE_POLICY) -> ReplicateHTTP:
    return ReplicateHTTP("r8_secret_token", "http://127.0.0.1:9/v1", output_policy=policy, retry_backoff=0.01)


def public_dns(monkeypatch, answers: dict[str, str]) -> None:
    """Answer name lookups from a table (there is no DNS here); anything else fails as unknown."""
    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        raise socket.gaierror(f"unknown host {host}")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_the_default_policy_is_https_from_replicates_delivery_host_only(monkeypatch):
    settings = Settings(_env_file=None)
    policy = OutputPolicy.from_setting(settings.replicate_output_hosts, allow_http=settings.replicate_output_allow_http)
    public_dns(monkeypatch, {"pbxt.replicate.delivery": "34.1.2.3", "replicate.delivery": "34.1.2.4"})

    policy.check("https://pbxt.replicate.delivery/abc/output.mp4")
    policy.check("https://replicate.delivery/abc/output.mp4")
    for url, why in [
        ("http://pbxt.replicate.delivery/abc/output.mp4", "only https"),
        ("https://evil.example/output.mp4", "not one of the allowed hosts"),
        ("https://replicate.delivery.evil.example/x.mp4", "not one of the allowed hosts"),
        ("https://127.0.0.1/x.mp4", "not one of the allowed hosts"),
        ("https://169.254.169.254/latest/meta-data", "not one of the allowed hosts"),
        ("file:///etc/passwd", "only https"),
    ]:
        with pytest.raises(UnsafeOutputURL, match=why):
            policy.check(url)


def test_an_allowed_name_that_resolves_to_an_internal_address_is_refused(monkeypatch):
    public_dns(monkeypatch, {"cdn.replicate.delivery": "10.0.0.7", "lo.replicate.delivery": "127.0.0.1",
                             "meta.replicate.delivery": "169.254.169.254"})
    for host in ("cdn", "lo", "meta"):
        with pytest.raises(UnsafeOutputURL, match="internal address"):
            OutputPolicy().check(f"https://{host}.replicate.delivery/x.mp4")


def test_a_listed_name_is_not_a_way_to_reach_loopback():
    # Only an address written verbatim in the list is trusted; a name that happens to resolve to loopback is not.
    with pytest.raises(UnsafeOutputURL, match="internal address"):
        OutputPolicy(hosts=("localhost",), allow_http=True).check("http://localhost:9/x.mp4")


def test_a_redirect_to_loopback_or_link_local_is_not_followed(redirector, tmp_path):
    origin, targets = redirector
    targets["/to-metadata"] = "http://169.254.169.254/latest/meta-data/"
    targets["/to-localhost"] = origin.replace("127.0.0.1", "localhost") + "/secret"
    targets["/to-file"] = "file:///etc/passwd"
    for path in targets:
        with pytest.raises(UnsafeOutputURL):
            http().download(origin + path, tmp_path / "out.mp4")
        assert not list(tmp_path.iterdir()), "nothing is written for a refused download"


def test_a_redirect_inside_the_allowed_hosts_is_followed(redirector, tmp_path):
    origin, targets = redirector
    targets["/moved"] = origin + "/file.mp4"

    out = http().download(origin + "/moved", tmp_path / "out.mp4")

    assert out.read_bytes() == b"x" * 4096


def test_an_output_over_the_size_cap_is_refused_and_removed(redirector, tmp_path):
    origin, _ = redirector
    small = OutputPolicy(hosts=("127.0.0.1",), allow_http=True, max_bytes=1000)

    with pytest.raises(ProviderError, match="limit"):
        http(small).download(origin + "/big.mp4", tmp_path / "out.mp4")
    assert not list(tmp_path.iterdir())


def test_the_token_goes_to_the_api_host_and_never_to_the_output_host(fake_replicate, tmp_path):  # noqa: F811
    provider = ReplicateVideoProvider(fake_replicate.token, base_url=fake_replicate.base_url, poll_interval=0.05,
                                      retry_backoff=0.05, output_policy=FAKE_POLICY)

    provider.generate(ClipRequest(prompt="p", duration=4, shape=SHAPES["16:9"], seed=1), tmp_path / "c.mp4")

    api_calls = [r for r in fake_replicate.requests if r.route != "output"]
    assert api_calls and all(r.headers.get("authorization") == f"Bearer {fake_replicate.token}" for r in api_calls)
    [download] = fake_replicate.calls("output")
    assert "authorization" not in download.headers


def test_the_strict_default_refuses_the_fakes_http_output(fake_replicate, tmp_path):  # noqa: F811
    provider = ReplicateVideoProvider(fake_replicate.token, base_url=fake_replicate.base_url, poll_interval=0.05,
                                      retry_backoff=0.05)

    with pytest.raises(UnsafeOutputURL, match="only https"):
        provider.generate(ClipRequest(prompt="p", duration=4, shape=SHAPES["16:9"], seed=1), tmp_path / "c.mp4")
    assert not fake_replicate.calls("output")


def test_an_api_call_never_takes_a_full_url():
    with pytest.raises(ValueError, match="API path"):
        http().request("GET", "https://elsewhere.example/v1/predictions")


def test_an_expired_output_says_so(fake_replicate, tmp_path):  # noqa: F811
    fake_replicate.expire_outputs()
    provider = ReplicateVideoProvider(fake_replicate.token, base_url=fake_replicate.base_url, poll_interval=0.05,
                                      retry_backoff=0.05, output_policy=FAKE_POLICY)

    with pytest.raises(OutputExpired, match="no longer available"):
        provider.generate(ClipRequest(prompt="p", duration=4, shape=SHAPES["16:9"], seed=1), tmp_path / "c.mp4")


def test_transport_errors_on_download_are_retried(redirector, tmp_path, monkeypatch):
    origin, _ = redirector
    client = http()
    real_stream = client.client.stream
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise httpx.ReadError("connection reset")
        return real_stream(*args, **kwargs)

    monkeypatch.setattr(client.client, "stream", flaky)
    assert client.download(origin + "/f.mp4", tmp_path / "out.mp4").stat().st_size == 4096
    assert calls["n"] == 2
