#!/usr/bin/env python3
"""Crash safety, by hand (issue 13; not in CI): kill the server with SIGKILL at random moments
while it takes uploads, contacts imports, saves and submissions, restart it, and check that
every write it acknowledged is there, that nothing is half-written, and which stored files
have no row (uploads cut between storing the bytes and writing the row; the sweep removes
them after its hour of grace).

    cargo build --release
    python3 tests/crash/crash.py --rounds 30                       # SQLite
    python3 tests/crash/crash.py --rounds 30 --backend postgres    # PostgreSQL on 127.0.0.1

Only the standard library; COSELL_BIN picks the binary (default target/release/cosell).
"""

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
PDF = open(os.path.join(ROOT, "static", "templates", "one-pager-template.pdf"), "rb").read()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Portal:
    def __init__(self, binary, env):
        self.binary, self.env, self.proc = binary, env, None

    def cli(self, *args, stdin=None):
        out = subprocess.run([self.binary, *args], env=self.env, input=stdin, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"cosell {' '.join(args)} failed: {out.stderr}")
        return out.stdout

    def start(self):
        port = free_port()
        self.env["BIND_ADDR"] = f"127.0.0.1:{port}"
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen([self.binary, "serve"], env=self.env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except Exception:
                time.sleep(0.05)
        sys.exit("the server did not come up")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


def call(portal, token, method, path, body=None, content_type="application/json"):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(portal.base + "/api/v1" + path, data=data, method=method)
    req.add_header("authorization", "Bearer " + token)
    if data is not None:
        req.add_header("content-type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            raw = res.read()
            return res.status, (json.loads(raw) if raw[:1] in (b"{", b"[") else raw)
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def multipart(name, payload):
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + payload + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Ledger:
    """What the server acknowledged (2xx), and what was in flight when it died."""

    def __init__(self):
        self.lock = threading.Lock()
        self.version = 0          # highest acknowledged solution version
        self.pitches = set()      # every pitch sent (acknowledged or not)
        self.uploads = set()      # file names of acknowledged uploads
        self.imports = set()      # contact emails of acknowledged imports
        self.sent_imports = set()


def worker(portal, token, solution, ledger, stop, rnd):
    n = 0
    while not stop.is_set():
        n += 1
        op = rnd.choice(["save", "upload", "import", "submit"])
        tag = f"{uuid.uuid4().hex[:8]}"
        try:
            if op == "save":
                pitch = f"Retail analytics, saved as {tag}."
                with ledger.lock:
                    ledger.pitches.add(pitch)
                status, body = call(portal, token, "PATCH", f"/solutions/{solution}", {"pitch": pitch})
                if status == 200:
                    with ledger.lock:
                        ledger.version = max(ledger.version, body["version"])
            elif op == "upload":
                name = f"one-{tag}.pdf"
                body, ctype = multipart(name, PDF)
                status, _ = call(portal, token, "PUT", f"/solutions/{solution}/documents/one_pager", body, ctype)
                if status == 200:
                    with ledger.lock:
                        ledger.uploads.add(name)
            elif op == "import":
                email = f"c-{tag}@contoso.example"
                with ledger.lock:
                    ledger.sent_imports.add(email)
                csv = f"name,email,job_title,role,geographies\nAnn,{email},,partner_sales,OOO\n".encode()
                status, _ = call(portal, token, "PUT", f"/solutions/{solution}/contacts.csv", csv, "text/csv")
                if status == 200:
                    with ledger.lock:
                        ledger.imports.add(email)
            else:
                call(portal, token, "POST", f"/solutions/{solution}/submit", {})
                call(portal, token, "POST", f"/solutions/{solution}/withdraw", {})
        except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
            time.sleep(0.01)


def stored_keys(storage_dir):
    keys = set()
    for folder, _, files in os.walk(storage_dir):
        for f in files:
            keys.add(os.path.relpath(os.path.join(folder, f), storage_dir))
    return keys


def document_rows(args, db_path, db_name):
    sql = "SELECT storage_key, file_name FROM documents"
    if args.backend == "sqlite":
        with sqlite3.connect(db_path) as c:
            return c.execute(sql).fetchall()
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db_name, "-Atc", sql],
                         capture_output=True, text=True, check=True).stdout
    return [tuple(line.split("|", 1)) for line in out.splitlines() if line]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    binary = os.environ.get("COSELL_BIN", os.path.join(ROOT, "target", "release", "cosell"))
    work = tempfile.mkdtemp(prefix="cosell-crash-")
    storage = os.path.join(work, "documents")
    db_path, db_name = os.path.join(work, "cosell.db"), f"cosell_crash_{uuid.uuid4().hex[:12]}"
    if args.backend == "sqlite":
        url = f"sqlite://{db_path}"
    else:
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {db_name}"], check=True)
        url = f"postgres://postgres@127.0.0.1:5432/{db_name}"
    env = dict(os.environ, DATABASE_URL=url, STORAGE_URL=f"file://{storage}", RUST_LOG="error")
    portal = Portal(binary, env)
    portal.cli("demo")
    token = portal.cli("token", "create", "--email", "cosell-admin@contoso.example").strip().splitlines()[-1]
    ledger = Ledger()
    portal.start()
    status, body = call(portal, token, "GET", "/solutions?organization_id=1")
    solution = body["items"][0]["id"]
    status, first = call(portal, token, "GET", f"/solutions/{solution}")
    ledger.pitches.add(first["pitch"])
    ledger.sent_imports.update(c["email"] for c in first["contacts"])
    print(f"seed {args.seed}, {args.backend}, solution {solution}, {args.rounds} rounds of {args.workers} workers")
    problems, orphans_seen, acked_total = [], 0, 0
    for round_no in range(1, args.rounds + 1):
        stop = threading.Event()
        threads = [threading.Thread(target=worker, args=(portal, token, solution, ledger, stop, random.Random(rnd.random())))
                   for _ in range(args.workers)]
        for t in threads:
            t.start()
        time.sleep(rnd.uniform(0.2, 2.0))
        portal.kill()
        stop.set()
        for t in threads:
            t.join()
        portal.start()
        # Every acknowledged write is there.
        status, sol = call(portal, token, "GET", f"/solutions/{solution}")
        if status != 200:
            problems.append(f"round {round_no}: the solution does not read ({status})")
            continue
        if sol["version"] < ledger.version:
            problems.append(f"round {round_no}: version {sol['version']} < acknowledged {ledger.version}")
        if sol["pitch"] not in ledger.pitches and ledger.pitches:
            problems.append(f"round {round_no}: a pitch nobody sent: {sol['pitch']!r}")
        strangers = {c["email"] for c in sol["contacts"]} - ledger.sent_imports
        if strangers:
            problems.append(f"round {round_no}: contacts nobody sent: {sorted(strangers)[:3]}")
        status, versions = call(portal, token, "GET", f"/solutions/{solution}/documents/one_pager/versions")
        names = {v["file_name"] for v in versions["items"]} if status == 200 else set()
        lost = ledger.uploads - names
        if lost:
            problems.append(f"round {round_no}: acknowledged uploads missing: {sorted(lost)[:3]}")
        # Nothing half-written: every row's file is stored and downloads whole.
        rows = document_rows(args, db_path, db_name)
        keys = stored_keys(storage)
        for key, name in rows:
            if key not in keys:
                problems.append(f"round {round_no}: a row without its file: {name} ({key})")
        for v in versions.get("items", [])[:3] if isinstance(versions, dict) else []:
            status, raw = call(portal, token, "GET", v["download_url"].removeprefix("/api/v1"))
            if status != 200 or len(raw) != v["size"]:
                problems.append(f"round {round_no}: {v['file_name']} does not download whole ({status})")
        row_keys = {k for k, _ in rows}
        orphans = {k for k in keys if not k.endswith(".thumb") and k not in row_keys}
        orphans_seen = len(orphans)
        acked_total = len(ledger.uploads)
        print(f"round {round_no:3}: version {sol['version']:5} (acknowledged {ledger.version}), "
              f"{len(ledger.uploads)} uploads acknowledged, {len(rows)} rows, {len(orphans)} files without a row")
    portal.kill()
    # The sweep (what the server runs hourly) with no grace: no stored file without its row
    # may remain, and every row keeps its file.
    swept = portal.cli("sweep", "--older-than-seconds", "0").strip()
    rows = document_rows(args, db_path, db_name)
    keys = stored_keys(storage)
    row_keys = {k for k, _ in rows}
    left = {k for k in keys if not k.endswith(".thumb") and k not in row_keys}
    if left:
        problems.append(f"after the sweep, files without a row: {sorted(left)[:3]}")
    if row_keys - keys:
        problems.append(f"after the sweep, rows without their file: {sorted(row_keys - keys)[:3]}")
    print(f"sweep: {swept}")
    if args.backend == "postgres":
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE {db_name}"], check=False)
    print(f"\n{args.rounds} rounds, {acked_total} acknowledged uploads, {orphans_seen} files without a row at the end "
          f"(removed by the sweep after its grace period)")
    if problems:
        print("PROBLEMS:\n" + "\n".join(problems))
        sys.exit(1)
    print("every acknowledged write was there after every restart; nothing half-written; "
          "after the sweep no file without its row")


if __name__ == "__main__":
    main()
