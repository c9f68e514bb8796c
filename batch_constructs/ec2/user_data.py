"""Instance user data (names as in ``aws_cdk.aws_ec2``): ``UserData`` for Linux, Windows or
custom content, and the MIME multi-part form (``MultipartUserData``, ``MultipartBody``) that
AWS Batch requires for the user data of a launch template.

Pure Python. ``render()`` gives exactly AWS CDK's text (``aws-ec2/lib/user-data.ts``): lines
joined with ``\\n``, the multi-part archive with AWS CDK's default separator, each
``MultipartBody.from_user_data`` part base64-encoded (AWS CDK's ``Fn::Base64``: standard base64 of
the UTF-8 bytes, computed here when the content holds no Terraform token, by Terraform's
``base64encode`` otherwise).
"""
from __future__ import annotations

import base64
import re
from typing import Any, Union

from .._check import check_bool, check_instance, check_protocol, check_str
from .._errors import ValidationError
from .._tokens import _STRING_TOKEN, is_unresolved

__all__ = ["MultipartBody", "MultipartUserData", "UserData"]

#: AWS CDK's MultipartUserData separator characters ([^a-zA-Z0-9()+,-./:=?] is refused) and
#: RFC 2046 §5.1.1's boundary length (1 to 70 characters).
_SEPARATOR = re.compile(r"[a-zA-Z0-9()+,\-./:=?]{1,70}")
_DEFAULT_SEPARATOR = "+AWS+CDK+User+Data+Separator=="
#: AWS CDK's message when a MultipartUserData has no default part to add commands to.
_USE_PART_ERROR = ("MultipartUserData only supports this operation if it has a default UserData. "
                   "Call add_user_data_part with make_default=True.")


class _Base64:
    """A segment of rendered user data: the base64 of ``user_data`` as rendered at that time."""

    def __init__(self, user_data: "UserData") -> None:
        self.user_data = user_data


Segment = Union[str, _Base64]


def _commands(name: str, commands: tuple[Any, ...]) -> list[str]:
    return [check_str(None, f"{name}[{i}]", c, required=True) for i, c in enumerate(commands)]  # type: ignore[misc]


class UserData:
    """Instance user data. Build one with ``UserData.for_linux()``, ``for_windows()`` or
    ``custom(content)``; ``render()`` returns the text the instance receives."""

    @staticmethod
    def for_linux(*, shebang: str | None = None) -> "UserData":
        """A shell script. ``shebang`` default ``#!/bin/bash``."""
        return _LinuxUserData(check_str(None, "shebang", shebang, min_length=1))

    @staticmethod
    def for_windows(*, persist: bool | None = None) -> "UserData":
        """A PowerShell script. ``persist`` default ``False`` (run at first launch only)."""
        return _WindowsUserData(bool(check_bool(None, "persist", persist)))

    @staticmethod
    def custom(content: str) -> "UserData":
        """User data with exactly ``content`` (commands added later follow on new lines)."""
        data = _CustomUserData()
        data.add_commands(check_str(None, "content", content, required=True))
        return data

    def add_commands(self, *commands: str) -> None:
        """Add one or more commands (lines) to the user data."""
        raise NotImplementedError

    def add_on_exit_commands(self, *commands: str) -> None:
        """Add commands that run when the script exits."""
        raise NotImplementedError

    def render(self) -> str:
        """The user data as text (with a Terraform token inside, a Terraform template that
        evaluates to it)."""
        return _flatten(self._segments())

    def add_s3_download_command(self, *, bucket: Any, bucket_key: str, local_file: str | None = None,
                                region: str | None = None) -> str:
        """Commands downloading ``s3://<bucket>/<bucket_key>``; returns the local path
        (default ``/tmp/<bucket_key>`` on Linux, ``C:/temp/<bucket_key>`` on Windows)."""
        raise ValidationError(None, f"{type(self).__name__} does not support add_s3_download_command, use "
                                    "UserData.for_linux() or UserData.for_windows() instead.")

    def add_execute_file_command(self, *, file_path: str, arguments: str | None = None) -> None:
        """Commands making ``file_path`` executable and running it with ``arguments``."""
        raise ValidationError(None, f"{type(self).__name__} does not support add_execute_file_command, use "
                                    "UserData.for_linux() or UserData.for_windows() instead.")

    def add_signal_on_exit_command(self, resource: Any) -> None:
        """AWS CDK sends a CloudFormation signal here; Terraform has no signal to wait for."""
        raise ValidationError(None, "add_signal_on_exit_command sends a CloudFormation signal (cfn-signal), which "
                                    "has no Terraform equivalent: Terraform does not wait for instances to signal")

    def _segments(self) -> list[Segment]:
        return [self.render()]


class _ScriptUserData(UserData):
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.on_exit_lines: list[str] = []

    def add_commands(self, *commands: str) -> None:
        self.lines.extend(_commands("commands", commands))

    def add_on_exit_commands(self, *commands: str) -> None:
        self.on_exit_lines.extend(_commands("commands", commands))

    def _download_args(self, bucket: Any, bucket_key: Any, local_file: Any, region: Any) -> tuple[str, str, str]:
        check_protocol(None, "bucket", bucket, ("bucket_name",), "an s3.IBucket (an object with bucket_name)",
                       required=True)
        check_str(None, "bucket_key", bucket_key, min_length=1, required=True)
        check_str(None, "local_file", local_file)
        check_str(None, "region", region, min_length=1)
        return bucket.bucket_name, bucket_key, "" if region is None else region

    def _execute_args(self, file_path: Any, arguments: Any) -> tuple[str, str]:
        check_str(None, "file_path", file_path, min_length=1, required=True)
        check_str(None, "arguments", arguments)
        return file_path, arguments or ""


class _LinuxUserData(_ScriptUserData):
    def __init__(self, shebang: str | None) -> None:
        super().__init__()
        self.shebang = "#!/bin/bash" if shebang is None else shebang

    def render(self) -> str:
        on_exit = (["function exitTrap(){", "exitCode=$?", *self.on_exit_lines, "}", "trap exitTrap EXIT"]
                   if self.on_exit_lines else [])
        return "\n".join([self.shebang, *on_exit, *self.lines])

    def add_s3_download_command(self, *, bucket: Any, bucket_key: str, local_file: str | None = None,
                                region: str | None = None) -> str:
        name, key, region = self._download_args(bucket, bucket_key, local_file, region)
        local = local_file or f"/tmp/{key}"
        self.add_commands(f"mkdir -p $(dirname '{local}')",
                          f"aws s3 cp 's3://{name}/{key}' '{local}'" + (f" --region {region}" if region else ""))
        return local

    def add_execute_file_command(self, *, file_path: str, arguments: str | None = None) -> None:
        path, args = self._execute_args(file_path, arguments)
        self.add_commands("set -e", f"chmod +x '{path}'", f"'{path}' {args}".strip())


class _WindowsUserData(_ScriptUserData):
    def __init__(self, persist: bool) -> None:
        super().__init__()
        self.persist = persist

    def render(self) -> str:
        on_exit = (["trap {", '$success=($PSItem.Exception.Message -eq "Success")', *self.on_exit_lines, "break", "}"]
                   if self.on_exit_lines else [])
        body = "\n".join([*on_exit, *self.lines, *(['throw "Success"'] if self.on_exit_lines else [])])
        return f"<powershell>{body}</powershell>" + ("<persist>true</persist>" if self.persist else "")

    def add_s3_download_command(self, *, bucket: Any, bucket_key: str, local_file: str | None = None,
                                region: str | None = None) -> str:
        name, key, region = self._download_args(bucket, bucket_key, local_file, region)
        local = local_file or f"C:/temp/{key}"
        self.add_commands(f"mkdir (Split-Path -Path '{local}' ) -ea 0",
                          f"Read-S3Object -BucketName '{name}' -key '{key}' -file '{local}' -ErrorAction Stop"
                          + (f" -Region {region}" if region else ""))
        return local

    def add_execute_file_command(self, *, file_path: str, arguments: str | None = None) -> None:
        path, args = self._execute_args(file_path, arguments)
        self.add_commands(f"&'{path}' {args}".strip(),
                          f"if (!$?) {{ Write-Error 'Failed to execute the file \"{path}\"' -ErrorAction Stop }}")


class _CustomUserData(UserData):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add_commands(self, *commands: str) -> None:
        self.lines.extend(_commands("commands", commands))

    def add_on_exit_commands(self, *commands: str) -> None:
        raise ValidationError(None, "CustomUserData does not support add_on_exit_commands, use UserData.for_linux() "
                                    "or UserData.for_windows() instead.")

    def render(self) -> str:
        return "\n".join(self.lines)


class MultipartBody:
    """One part of a ``MultipartUserData`` archive."""

    #: Content type for shell scripts.
    SHELL_SCRIPT = 'text/x-shellscript; charset="utf-8"'
    #: Content type for boot hooks (run early, at every boot).
    CLOUD_BOOTHOOK = 'text/cloud-boothook; charset="utf-8"'

    @staticmethod
    def from_user_data(user_data: UserData, content_type: str | None = None) -> "MultipartBody":
        """A part holding ``user_data`` base64-encoded (later changes to ``user_data`` show up);
        ``content_type`` default ``MultipartBody.SHELL_SCRIPT``."""
        check_instance(None, "user_data", user_data, UserData, "an ec2.UserData", required=True)
        return _UserDataBody(user_data, _header(None, "content_type", content_type) or MultipartBody.SHELL_SCRIPT)

    @staticmethod
    def from_raw_body(*, content_type: str, body: str | None = None,
                      transfer_encoding: str | None = None) -> "MultipartBody":
        """A part with ``body`` as given (default: no body). With ``transfer_encoding`` (such
        as ``base64``) the body must already be encoded that way."""
        _header(None, "content_type", content_type, required=True)
        _header(None, "transfer_encoding", transfer_encoding)
        check_str(None, "body", body)
        return _RawBody(content_type, body, transfer_encoding)

    def render_body_part(self) -> list[str]:
        """The part's lines (headers, an empty line, the body)."""
        return [_flatten([segment]) for segment in self._lines()]

    def _lines(self) -> list[Segment]:
        raise NotImplementedError


def _header(scope: Any, keyword: str, value: Any, *, required: bool = False) -> str | None:
    """A MIME header value: one line (a line break would end the header, RFC 5322 §2.2)."""
    return check_str(scope, keyword, value, pattern=r"[^\r\n]+", rule="a one-line MIME header value",
                     required=required)


class _RawBody(MultipartBody):
    def __init__(self, content_type: str, body: str | None, transfer_encoding: str | None) -> None:
        self.content_type, self.body, self.transfer_encoding = content_type, body, transfer_encoding

    def _lines(self) -> list[Segment]:
        lines: list[Segment] = [f"Content-Type: {self.content_type}"]
        if self.transfer_encoding is not None:
            lines.append(f"Content-Transfer-Encoding: {self.transfer_encoding}")
        lines.append("")
        if self.body is not None:
            lines.append(self.body)
        return lines


class _UserDataBody(MultipartBody):
    def __init__(self, user_data: UserData, content_type: str) -> None:
        self.user_data, self.content_type = user_data, content_type

    def _lines(self) -> list[Segment]:
        return [f"Content-Type: {self.content_type}", "Content-Transfer-Encoding: base64", "",
                _Base64(self.user_data)]


class MultipartUserData(UserData):
    """MIME multi-part user data (the form AWS Batch requires in launch templates).

    :param parts_separator: the MIME boundary: 1-70 of ``a-zA-Z0-9()+,-./:=?``, found in no
        part. Default ``+AWS+CDK+User+Data+Separator==``.
    """

    def __init__(self, *, parts_separator: str | None = None) -> None:
        if parts_separator is not None:
            check_str(None, "parts_separator", parts_separator, required=True)
            if not _SEPARATOR.fullmatch(parts_separator):
                # AWS CDK's message (and RFC 2046's 70-character limit).
                raise ValidationError(None, "Invalid characters in separator. Separator has to match pattern "
                                            f"[^a-zA-Z0-9()+,-./:=?] (1 to 70 characters), got {parts_separator!r}")
        self.parts_separator = parts_separator or _DEFAULT_SEPARATOR
        self.parts: list[MultipartBody] = []
        self._default: UserData | None = None

    def add_part(self, part: MultipartBody) -> None:
        """Add a part (``MultipartBody.from_user_data(...)`` or ``from_raw_body(...)``)."""
        self.parts.append(check_instance(None, "part", part, MultipartBody, "an ec2.MultipartBody", required=True))

    def add_user_data_part(self, user_data: UserData, content_type: str | None = None,
                           make_default: bool | None = None) -> None:
        """Add ``user_data`` as a part. ``make_default`` default: ``True`` for the first such
        part; the default part receives ``add_commands``/``add_on_exit_commands``/... calls."""
        make_default = check_bool(None, "make_default", make_default)
        self.add_part(MultipartBody.from_user_data(user_data, content_type))
        if make_default or (make_default is None and self._default is None):
            self._default = user_data

    def _default_part(self) -> UserData:
        if self._default is None:
            raise ValidationError(None, _USE_PART_ERROR)
        return self._default

    def add_commands(self, *commands: str) -> None:
        self._default_part().add_commands(*commands)

    def add_on_exit_commands(self, *commands: str) -> None:
        self._default_part().add_on_exit_commands(*commands)

    def add_s3_download_command(self, *, bucket: Any, bucket_key: str, local_file: str | None = None,
                                region: str | None = None) -> str:
        return self._default_part().add_s3_download_command(bucket=bucket, bucket_key=bucket_key,
                                                            local_file=local_file, region=region)

    def add_execute_file_command(self, *, file_path: str, arguments: str | None = None) -> None:
        self._default_part().add_execute_file_command(file_path=file_path, arguments=arguments)

    def _segments(self) -> list[Segment]:
        boundary = self.parts_separator
        lines: list[Segment] = [f'Content-Type: multipart/mixed; boundary="{boundary}"', "MIME-Version: 1.0", ""]
        for part in self.parts:
            lines.append(f"--{boundary}")
            lines.extend(part._lines())
        lines.extend([f"--{boundary}--", ""])
        out: list[Segment] = []
        for index, line in enumerate(lines):
            out.extend(["\n", line] if index else [line])
        return out


# -- rendering: text, base64 and Terraform templates -----------------------------------------------

def _has_tokens(segments: list[Segment]) -> bool:
    return any(_has_tokens(s.user_data._segments()) if isinstance(s, _Base64) else is_unresolved(s)
               for s in segments)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _flatten(segments: list[Segment]) -> str:
    """The text: each base64 segment encoded here, or as a Terraform ``base64encode`` template
    when its content holds a token."""
    out = []
    for segment in segments:
        if isinstance(segment, _Base64):
            inner = segment.user_data._segments()
            out.append(_terraform_base64(inner) if _has_tokens(inner) else _b64(_flatten(inner)))
        else:
            out.append(segment)
    return "".join(out)


def _terraform_base64(segments: list[Segment]) -> str:
    return '${base64encode("' + _template(segments) + '")}'


def _template(segments: list[Segment]) -> str:
    """The body of an HCL quoted template that evaluates to the segments' text: literal text
    escaped (HCL's string escapes; ``${``/``%{`` doubled), each cdktf token as an interpolation
    (``${<token>}``, which cdktf resolves to ``${expression}``), base64 segments as nested
    ``base64encode`` calls."""
    pieces: list[tuple[bool, str]] = []  # (is_interpolation, text)
    for segment in segments:
        if isinstance(segment, _Base64):
            inner = segment.user_data._segments()
            pieces.append((True, _terraform_base64(inner)) if _has_tokens(inner) else (False, _b64(_flatten(inner))))
            continue
        pos = 0
        for match in _STRING_TOKEN.finditer(segment):
            pieces.append((False, segment[pos:match.start()]))
            # Inside the surrounding "${...}" cdktf renders a token bare (``aws_x.y.attr``) when
            # the last "${" before it is open: wrap it in one, so that it always becomes an
            # interpolation, whatever "}" the literal text before it holds.
            pieces.append((True, "${" + match.group(0) + "}"))
            pos = match.end()
        pieces.append((False, segment[pos:]))
    out = []
    for index, (interpolation, text) in enumerate(pieces):
        if interpolation:
            out.append(text)
            continue
        quoted = _quote(text)
        if quoted[-1:] in ("$", "%") and any(i for i, _ in pieces[index + 1:index + 2]):
            # "$" right before an interpolation would read as the "$${" escape: spell it out.
            quoted = quoted[:-1] + '${"' + quoted[-1] + '"}'
        out.append(quoted)
    return "".join(out)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _quote(text: str) -> str:
    text = "".join(_ESCAPES.get(c, c if c >= " " else f"\\u{ord(c):04x}") for c in text)
    return text.replace("${", "$${").replace("%{", "%%{")


def terraform_user_data(value: Any) -> str:
    """The launch template's ``user_data`` attribute for ``value`` (a ``UserData`` or a string):
    base64 computed here, or Terraform's ``base64encode`` of a template when it holds a token."""
    segments = value._segments() if isinstance(value, UserData) else [value]
    return _terraform_base64(segments) if _has_tokens(segments) else _b64(_flatten(segments))


def is_multipart(value: Any) -> bool | None:
    """Whether user data is MIME multi-part: ``MultipartUserData``, or a string whose headers
    (before the first empty line) declare ``Content-Type: multipart/...``; ``None`` when a
    token makes that unknowable."""
    if isinstance(value, MultipartUserData):
        return True
    text = value.render() if isinstance(value, UserData) else value
    if not isinstance(text, str) or is_unresolved(text.split("\n\n", 1)[0]):
        return None if isinstance(text, str) else False
    headers = text.replace("\r\n", "\n").split("\n\n", 1)[0]
    return bool(re.search(r"(?im)^content-type:\s*multipart/", headers))


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
