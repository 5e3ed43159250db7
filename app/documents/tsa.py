"""The timestamp server (RFC 3161 TSA): asking it once to see that it answers and is trusted, and a
client for signing other things than PDFs with a timestamp (the audit checkpoints)."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import ssl

from app.domain.errors import InvalidInput

from .run_async import run_coroutine
from .seal_validation import FETCH_TIMEOUT, _name
from .trust import TrustAnchors

__all__ = ["client_session", "probe_timestamp_server", "timestamper"]


@functools.lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """The TLS context for https timestamp servers, made once per process: pyHanko's default client
    session loads the CA bundle again for every request (~50 ms of every B-T seal)."""
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:
        return ssl.create_default_context()


@contextlib.asynccontextmanager
async def client_session():
    """An aiohttp session for one operation with the TSA (inside the running event loop)."""
    import aiohttp

    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=_tls_context()))
    try:
        yield session
    finally:
        await session.close()


def timestamper(url: str, timeout: float = FETCH_TIMEOUT):
    """A pyHanko ``TimeStamper`` for ``url`` that asks through this process's TLS context (see
    ``client_session``), from whatever event loop signs: for ``async_sign_general_data``."""
    from pyhanko.sign.timestamps import HTTPTimeStamper

    class _DeskTimeStamper(HTTPTimeStamper):
        async def async_request_tsa_response(self, req):
            async with client_session() as session:
                return await HTTPTimeStamper(self.url, timeout=self.timeout,
                                             session=session).async_request_tsa_response(req)

    return _DeskTimeStamper(url, timeout=timeout)


def probe_timestamp_server(url: str, trust: TrustAnchors, timeout: float = FETCH_TIMEOUT) -> str:
    """The TSA's name when ``url`` answers with a timestamp whose certificate chains to ``trust``;
    else ``InvalidInput("timestamp_unavailable")`` saying why."""
    return run_coroutine(_probe(url, trust, timeout))


async def _probe(url: str, trust: TrustAnchors, timeout: float) -> str:
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext

    digest = hashlib.sha256(b"consent desk: timestamp server test").digest()
    try:
        async with client_session() as session:
            token = await HTTPTimeStamper(url, timeout=timeout, session=session).async_timestamp(digest, "sha256")
    except Exception as exc:  # refused, timed out, not a TSA
        raise InvalidInput("timestamp_unavailable",
                           f"the timestamp server did not answer ({type(exc).__name__})") from None
    if not trust:
        raise InvalidInput("timestamp_unavailable", "the server answered, but no trust file is installed to "
                                                    "check its certificate against")
    vc = ValidationContext(trust_roots=list(trust.certificates), allow_fetching=False, revocation_mode="soft-fail")
    status = await validate_tst_signed_data(token["content"], vc, lambda _algo: digest)
    if not (status.get("intact") and status.get("valid")):
        raise InvalidInput("timestamp_unavailable", "the server's timestamp is not intact")
    if status.get("trust_problem_indic") is not None or status.get("validation_path") is None:
        raise InvalidInput("timestamp_unavailable",
                           f"the server's certificate does not chain to the trust file {trust.source}")
    return _name(status["signing_cert"].subject)
