"""Signs in through the login form (the double-submit CSRF cookie first) and prints the session
cookie: `python3 bench/signin.py http://127.0.0.1:PORT EMAIL [PASSWORD]`. Used by the scripts
here; the demo accounts' password is the default."""
import http.client
import re
import sys
import urllib.parse

base, email = sys.argv[1], sys.argv[2]
password = sys.argv[3] if len(sys.argv) > 3 else "demo-password-1"
host, port = base.split("//")[1].split(":")
c = http.client.HTTPConnection(host, int(port))
c.request("GET", "/login")
r = c.getresponse()
page = r.read().decode()
jar = "; ".join(v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie")
csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
body = urllib.parse.urlencode({"email": email, "password": password, "csrf": csrf, "next": ""})
c.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": jar})
r = c.getresponse()
r.read()
cookies = [v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie" and "session" in v]
if r.status != 303 or not cookies:
    sys.exit(f"sign-in of {email} failed: {r.status}")
print(cookies[0])
