"""Optional channel: any service Apprise supports (ntfy, Gotify, Matrix, ...), one address a person.

Installed with the ``apprise`` extra (``pip install 'upright[apprise]'``).
"""

from __future__ import annotations

from collections.abc import Sequence

import apprise

from upright.domain.errors import DeliveryFailed
from upright.services.reminder_ports import Outgoing


class AppriseChannel:
    name = "apprise"

    def send(self, message: Outgoing) -> Sequence[str]:
        if not message.apprise_url:
            raise DeliveryFailed("apprise", "no address is set", temporary=False)
        sender = apprise.Apprise()
        if not sender.add(message.apprise_url):
            raise DeliveryFailed(
                "apprise", "Apprise does not know this kind of address", temporary=False
            )
        if not sender.notify(title=message.subject, body=message.body):
            raise DeliveryFailed("apprise", "the service did not take the message")
        return ()
