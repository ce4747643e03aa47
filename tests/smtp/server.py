"""A real SMTP server for the mail tests (aiosmtpd, from PyPI): every message it accepts is
written to DIR as N.json, read with Python's own MIME parser: the envelope's recipients, the
headers From, To and Subject (decoded), and the plain-text and HTML parts. With
--refuse K it answers the first K messages with 451 (a temporary failure), as a server that
is down for a moment does. With --auth USER:PASSWORD it takes mail only from a client that
signed in with those (AUTH PLAIN or LOGIN, over the plain connection: loopback only). Prints
the port it listens on, then serves until killed.

    python server.py --dir DIR [--port 0] [--refuse K] [--auth USER:PASSWORD]
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import socket
import sys
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keep:
    def __init__(self, directory, refuse):
        self.directory = directory
        self.refuse = refuse
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 Try again later"
        self.count += 1
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_type() in ("text/plain", "text/html"):
                parts[part.get_content_type()] = part.get_content()
        kept = {
            "envelope_to": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "content_type": message.get_content_type(),
            "text": parts.get("text/plain"),
            "html": parts.get("text/html"),
        }
        path = os.path.join(self.directory, f"{self.count}.json")
        with open(path + ".part", "w") as f:
            json.dump(kept, f)
        os.replace(path + ".part", path)
        return "250 OK"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--refuse", type=int, default=0)
    p.add_argument("--auth", default=None)
    a = p.parse_args()
    auth = {}
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user \
                and data.password.decode() == password
            return AuthResult(success=ok)

        auth = {"authenticator": authenticator, "auth_required": True, "auth_require_tls": False}
        # Loopback only, on purpose: the test reads what the client sends in the clear.
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    port = a.port
    if port == 0:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    controller = Controller(Keep(a.dir, a.refuse), hostname="127.0.0.1", port=port, **auth)
    controller.start()
    print(port, flush=True)
    try:
        asyncio.get_event_loop().run_until_complete(asyncio.Event().wait())
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
