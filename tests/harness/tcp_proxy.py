"""`TcpProxy`: a TCP forwarder on 127.0.0.1 that a test can cut and restore, to make an RPC
endpoint go down and come back while the chain behind it keeps its state.

    with TcpProxy(anvil.port) as proxy:      # proxy.url reaches anvil
        proxy.stop()                         # connections refused, open ones cut
        proxy.start()                        # the same port serves again

One thread runs a selector over the listening socket and every forwarded pair; `stop` wakes
it, closes everything and joins it, so nothing outlives the test.
"""

import selectors
import socket
import threading
from types import TracebackType
from typing import Final, Self

HOST: Final = "127.0.0.1"
_CHUNK_BYTES: Final = 65_536


class TcpProxy:
    """Forwards `HOST:port` to `HOST:target_port`."""

    def __init__(self, target_port: int, *, port: int = 0) -> None:
        self._target_port = target_port
        self._port = port
        self._thread: threading.Thread | None = None
        self._listener: socket.socket | None = None
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._stopping = threading.Event()

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._port}"

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> Self:
        """Listen (on the same port as before, after a `stop`) and forward."""
        if self._thread is not None:
            return self
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, self._port))
        listener.listen(64)
        listener.setblocking(False)
        self._port = listener.getsockname()[1]
        self._listener = listener
        self._stopping.clear()
        self._thread = threading.Thread(target=self._serve, name=f"tcp-proxy-{self._port}")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Refuse new connections and cut the open ones. Idempotent."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        self._wake_writer.send(b"x")
        thread.join(timeout=5)

    def close(self) -> None:
        self.stop()
        self._wake_reader.close()
        self._wake_writer.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _serve(self) -> None:
        assert self._listener is not None
        selector = selectors.DefaultSelector()
        selector.register(self._listener, selectors.EVENT_READ, "accept")
        selector.register(self._wake_reader, selectors.EVENT_READ, "wake")
        peers: dict[socket.socket, socket.socket] = {}
        try:
            while not self._stopping.is_set():
                for key, _ in selector.select(timeout=1.0):
                    if key.data == "wake":
                        self._wake_reader.recv(16)
                    elif key.data == "accept":
                        self._accept(selector, peers)
                    else:
                        self._pump(key.fileobj, selector, peers)  # type: ignore[arg-type]
        finally:
            for connection in list(peers):
                connection.close()
            selector.close()
            self._listener.close()
            self._listener = None

    def _accept(
        self, selector: selectors.BaseSelector, peers: dict[socket.socket, socket.socket]
    ) -> None:
        assert self._listener is not None
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        try:
            upstream = socket.create_connection((HOST, self._target_port), timeout=5)
        except OSError:
            client.close()
            return
        for connection in (client, upstream):
            connection.setblocking(True)
            selector.register(connection, selectors.EVENT_READ, "pump")
        peers[client], peers[upstream] = upstream, client

    def _pump(
        self,
        source: socket.socket,
        selector: selectors.BaseSelector,
        peers: dict[socket.socket, socket.socket],
    ) -> None:
        target = peers.get(source)
        if target is None:
            return
        try:
            chunk = source.recv(_CHUNK_BYTES)
            if chunk:
                target.sendall(chunk)
                return
        except OSError:
            pass
        for connection in (source, target):
            selector.unregister(connection)
            peers.pop(connection, None)
            connection.close()
