"""Why a source failed: a closed set of codes (SPEC Part III, "Sources that fail").

A failed source is data, not an error of the node: the pipeline records the code and a detail
in the source's trace and the rules count the source as failed. The pure functions that read a
body raise `SourceFailure`; `fetch_and_decide` never lets one escape.
"""

from enum import StrEnum

from fluxo.exceptions import AnsweringError


class FailureCode(StrEnum):
    """The reason class of a failed source; the strings are stable (CLI and JSON output)."""

    BAD_URL = "bad_url"  # not http(s), userinfo, no host, bad port
    REFUSED_ADDRESS = "refused_address"  # the host is (or resolves to) a refused address
    DNS = "dns"  # the name did not resolve
    NETWORK = "network"  # connect, TLS or protocol error
    TIMEOUT = "timeout"  # the fetch did not finish within the policy's timeout
    HTTP_STATUS = "http_status"  # a final status other than 2xx
    REDIRECT = "redirect"  # too many redirects, or a redirect without a usable Location
    BAD_ENCODING = "bad_encoding"  # a Content-Encoding other than gzip, or corrupt gzip
    TOO_LARGE = "too_large"  # more than 1 MiB on the wire or after decoding
    NOT_JSON = "not_json"  # not strict RFC 8259 JSON in UTF-8
    BAD_PATH = "bad_path"  # the source_path is not in the accepted JSONPath subset
    NO_MATCH = "no_match"  # the path matched nothing
    SEVERAL_MATCHES = "several_matches"  # the path matched more than once
    WRONG_TYPE = "wrong_type"  # the match cannot be read as the request's kind


class SourceFailure(AnsweringError):
    """One source yielded no usable value; `code` classifies it and `detail` explains it."""

    def __init__(self, code: FailureCode, detail: str) -> None:
        super().__init__(f"{code.value}: {detail}")
        self.code = code
        self.detail = detail
