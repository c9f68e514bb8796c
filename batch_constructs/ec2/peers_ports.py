"""``Port``, ``Protocol``, ``Peer`` and ``Connections`` (names as in ``aws_cdk.aws_ec2``). They
are pure Python and live in ``batch_constructs._ec2_ports``/``_ec2_connections`` (testable
without the jsii runtime); this module makes them part of ``batch_constructs.ec2``."""
from __future__ import annotations

from .._ec2_connections import Connections
from .._ec2_ports import IPeer, Peer, Port, Protocol

__all__ = ["Connections", "IPeer", "Peer", "Port", "Protocol"]


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
