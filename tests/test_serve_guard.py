"""``serve`` answers only requests to its own address, closes silent connections and
answers a bounded number at once."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from reportgen.commands.serve import PreviewServer, PreviewState, _handler


@pytest.fixture
def preview_server():
    """A preview server with nothing built yet (its pages say so), on a free port."""
    servers = []

    def start(idle: float = 5.0, max_connections: int = 32) -> PreviewServer:
        handler = _handler(PreviewState(), None)
        handler.timeout = idle
        server = PreviewServer(("127.0.0.1", 0), handler, warn=lambda line: None, log=None,
                               max_connections=max_connections)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _ask(server: PreviewServer, head: str) -> int:
    """The status of a request whose lines after the request line are ``head``."""
    with socket.create_connection(server.server_address[:2], timeout=10) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\n{head}Connection: close\r\n\r\n".encode("latin-1"))
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return int(answer.split(b" ", 2)[1])


@pytest.mark.slow
def test_only_the_served_address_and_localhost_are_answered(preview_server):
    server = preview_server()
    port = server.server_address[1]
    assert _ask(server, f"Host: 127.0.0.1:{port}\r\n") == 200
    assert _ask(server, f"Host: localhost:{port}\r\n") == 200
    assert _ask(server, f"Host: LocalHost:{port}\r\n") == 200
    assert _ask(server, "Host: 127.0.0.1\r\n") == 200
    assert _ask(server, f"Host: attacker.example:{port}\r\n") == 421
    assert _ask(server, "Host: attacker.example\r\n") == 421
    assert _ask(server, f"Host: localhost:{port + 1}\r\n") == 421
    assert _ask(server, f"Host: 127.0.0.1.attacker.example:{port}\r\n") == 421
    assert _ask(server, f"Host: [::1]:{port}\r\n") == 421
    assert _ask(server, "") == 400
    assert _ask(server, "Host: \r\n") == 400
    assert _ask(server, f"Host: localhost:{port}\r\nHost: attacker.example\r\n") == 400


@pytest.mark.slow
def test_the_version_path_is_guarded_too(preview_server):
    server = preview_server()
    with socket.create_connection(server.server_address[:2], timeout=10) as sock:
        sock.sendall(b"GET /__reportgen/version?page=index HTTP/1.1\r\nHost: evil.test\r\n"
                     b"Connection: close\r\n\r\n")
        assert sock.recv(64).startswith(b"HTTP/1.0 421 ")


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        return sock.recv(4096) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


@pytest.mark.slow
def test_a_half_sent_request_is_closed_after_the_idle_time(preview_server):
    server = preview_server(idle=0.5)
    sock = socket.create_connection(server.server_address[:2], timeout=10)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: loc")
    started = time.monotonic()
    assert _closed_within(sock, 5)
    assert time.monotonic() - started < 4
    sock.close()


@pytest.mark.slow
def test_connections_beyond_the_limit_are_closed_and_slots_come_back(preview_server):
    server = preview_server(idle=1.0, max_connections=2)
    port = server.server_address[1]
    held = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
    for sock in held:
        sock.sendall(b"GET / HTTP/1.1\r\n")  # half sent: each holds a thread
    time.sleep(0.2)
    extra = socket.create_connection(("127.0.0.1", port), timeout=10)
    assert _closed_within(extra, 0.8)  # refused before the held ones time out
    extra.close()
    for sock in held:
        assert _closed_within(sock, 5)
        sock.close()
    assert _ask(server, f"Host: localhost:{port}\r\n") == 200
