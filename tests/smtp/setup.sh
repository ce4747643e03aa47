#!/usr/bin/env bash
# Makes a Python with aiosmtpd (from PyPI) for the mail tests and prints its path; the tests
# run it themselves when TEST_SMTP_PYTHON is not set. Used by .ci/run:
#   export TEST_SMTP_PYTHON="$(bash tests/smtp/setup.sh)"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${AIOSMTPD_VENV:-$here/.venv}"
if ! "$venv/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'aiosmtpd==1.*' >&2
fi
echo "$venv/bin/python"
