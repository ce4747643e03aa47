"""Times the pages a database of `bench-fill` solutions serves, signed in as a program admin:
`python3 bench/scale_timings.py http://127.0.0.1:PORT COOKIE SOLUTIONS ROUNDS`. Each page is
requested ROUNDS times one after another on one connection (after one untimed request), and a
Markdown row with the median and the 95th percentile in milliseconds is printed per page."""
import http.client
import sys
import time

base, cookie, solutions, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
host, port = base.split("//")[1].split(":")
# An approved solution in the middle (every third is approved) and the last catalog page.
middle = (solutions // 2) // 3 * 3 + 1
last_page = max(1, (solutions // 3) // 20)
pages = [
    ("catalog, words", "/catalog?q=analytics+retail"),
    ("catalog, industry", "/catalog?industry=retail"),
    ("catalog, geography", "/catalog?geography=NL"),
    ("catalog, solution area", "/catalog?solution_area=security"),
    ("catalog, offer type", "/catalog?offer_type=saas"),
    ("catalog, shown status", "/catalog?status=co_sell_ready"),
    ("catalog, combined", "/catalog?q=analytics&offer_type=saas&geography=NL&status=co_sell_ready"),
    ("catalog, page 50", "/catalog?page=50"),
    (f"catalog, last page ({last_page})", f"/catalog?page={last_page}"),
    ("review queue", "/review"),
    ("review queue, filtered", "/review?offer_type=saas&geography=NL"),
    ("checklist page", f"/solutions/{middle}"),
    ("dashboard, 50 solutions", "/organizations/1/dashboard"),
    ("audit log", "/audit"),
    ("audit log, kind and organization", "/audit?kind=document_uploaded&organization_id=7"),
    ("revenue page", "/organizations/1/revenue"),
]
conn = http.client.HTTPConnection(host, int(port))


def get(path):
    conn.request("GET", path, headers={"Cookie": cookie})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        sys.exit(f"{path}: {r.status}")


for name, path in pages:
    get(path)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        get(path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p50 = times[len(times) // 2]
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"| {name} | `{path}` | {p50:.1f} | {p95:.1f} |")
