"""Load: 50 users polling status and browsing the library while 5 full pipelines run, on this machine.

    cd backend && ../.venv/bin/python load/load_test.py [--mode embedded|production|both] [--users 50] [--pipelines 5]

`embedded` is `vibecraft serve` on its defaults (SQLite, files in DATA_DIR, jobs on threads in the API process).
`production` is PostgreSQL + Redis + two `vibecraft worker` processes beside the same API. Each pipeline uploads a
45-s excerpt of a shared song, analyzes it, takes the suggested sections, plans and generates (360p frames, so five
pipelines fit the run) and waits for the composed video. Prints p50/p99 latency and errors per route, as the client
saw them and as the API spent them (its Server-Timing header), and exits 1 if a status or library read has a
client-side p99 ≥ 200 ms or any request failed.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SONGS = sorted((ROOT.parent / "shared" / "data" / "lyrics").glob("*.mp3"))
VIBECRAFT = ROOT / ".venv" / "bin" / "vibecraft"
READ_ROUTES = ("GET /api/songs/{id}/generation/status", "GET /api/videos", "GET /api/songs")
TARGET_P99_MS = 200.0
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/13"


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.server: dict[str, list[float]] = defaultdict(list)  # the API's own time, from Server-Timing
        self.errors: dict[str, int] = defaultdict(int)

    def call(self, client: httpx.Client, method: str, route: str, url: str, **kw) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            res = client.request(method, url, **kw)
        except httpx.HTTPError:
            res = None
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latency[route].append(elapsed)
            if res is not None and (timing := server_time_ms(res)) is not None:
                self.server[route].append(timing)
            if res is None or res.status_code >= 400:
                self.errors[route] += 1
        return res


def server_time_ms(res: httpx.Response) -> float | None:
    header = res.headers.get("server-timing", "")
    for part in header.split(";"):
        if part.strip().startswith("dur="):
            return float(part.strip()[4:])
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def excerpt(song: Path, dst: Path, start: float) -> Path:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", str(start), "-t", "45", "-i", str(song),
                    "-c:a", "libmp3lame", "-b:a", "160k", str(dst)], check=True)
    return dst


def register(base: str) -> dict:
    res = httpx.post(f"{base}/api/auth/register", json={"email": f"load-{uuid.uuid4().hex[:10]}@example.com",
                                                         "password": "load test password"}, timeout=30)
    res.raise_for_status()
    return {"Authorization": f"Bearer {res.json()['access_token']}"}


def pipeline(base: str, headers: dict, song: Path, rec: Recorder, done: list, song_ids: list) -> None:
    with httpx.Client(base_url=base, headers=headers, timeout=120) as c:
        with song.open("rb") as f:
            created = rec.call(c, "POST", "POST /api/songs", "/api/songs", files={"file": (song.name, f)})
        song_id = created.json()["id"]
        song_ids.append((song_id, headers))
        job = rec.call(c, "POST", "POST /api/songs/{id}/analyze", f"/api/songs/{song_id}/analyze").json()
        while (j := c.get(f"/api/jobs/{job['id']}").json())["status"] not in ("completed", "failed"):
            time.sleep(1)
        analysis = c.get(f"/api/songs/{song_id}/analysis").json()
        rec.call(c, "POST", "POST /api/songs/{id}/sections", f"/api/songs/{song_id}/sections",
                 json={"sections": analysis["suggested_sections"]})
        rec.call(c, "POST", "POST /api/songs/{id}/clips/plan", f"/api/songs/{song_id}/clips/plan")
        rec.call(c, "POST", "POST /api/songs/{id}/clips/generate", f"/api/songs/{song_id}/clips/generate")
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            status = c.get(f"/api/songs/{song_id}/generation/status").json()
            if status["stage"] in ("completed", "failed"):
                break
            time.sleep(1)
        done.append(status["stage"])


def browsing_user(base: str, headers: dict, rec: Recorder, song_ids: list, stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as c:
        while not stop.is_set():
            if song_ids and rng.random() < 0.6:
                song_id, owner = rng.choice(song_ids)
                rec.call(c, "GET", READ_ROUTES[0], f"/api/songs/{song_id}/generation/status", headers=owner)
            elif rng.random() < 0.5:
                rec.call(c, "GET", READ_ROUTES[1], "/api/videos", headers=headers)
            else:
                rec.call(c, "GET", READ_ROUTES[2], "/api/songs", headers=headers)
            stop.wait(rng.uniform(0.5, 1.5))  # about one request a second per user


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def start_services(mode: str, tmp: Path, port: int) -> tuple[dict, list[subprocess.Popen]]:
    env = {**os.environ, "DATA_DIR": str(tmp / "data"), "PORT": str(port), "VIDEO_MAX_HEIGHT": "360",
           "SECRET_KEY": "load-" + uuid.uuid4().hex, "LOGIN_MAX_FAILURES_PER_ADDRESS": "1000"}
    if mode == "production":
        import psycopg

        db = f"vibecraft_load_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{db}"')
        env.update(DATABASE_URL=f"postgresql://postgres@127.0.0.1:5432/{db}", REDIS_URL=REDIS_URL, LOAD_DB=db)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    subprocess.run([str(VIBECRAFT), "migrate"], env=env, check=True, capture_output=True)
    procs = [subprocess.Popen([str(VIBECRAFT), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    if mode == "production":
        for _ in range(2):
            procs.append(subprocess.Popen([str(VIBECRAFT), "worker"], env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, start_new_session=True))
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return env, procs


def stop_services(env: dict, procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    if env.get("LOAD_DB"):
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{env["LOAD_DB"]}" WITH (FORCE)')


def run(mode: str, users: int, pipelines: int) -> bool:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        songs = [excerpt(SONGS[i % len(SONGS)], tmp / f"song{i}.mp3", start=20 + 15 * i) for i in range(pipelines)]
        env, procs = start_services(mode, tmp, free_port())
        base = f"http://127.0.0.1:{env['PORT']}"
        rec, done, song_ids, stop = Recorder(), [], [], threading.Event()
        try:
            # Accounts are made before the clock starts: a burst of 55 Argon2 hashes is sign-up, not browsing.
            with ThreadPoolExecutor(4) as pool:
                accounts = list(pool.map(lambda _: register(base), range(users + pipelines)))
            started = time.perf_counter()
            readers = [threading.Thread(target=browsing_user, args=(base, accounts[i], rec, song_ids, stop, i),
                                        daemon=True) for i in range(users)]
            workers = [threading.Thread(target=pipeline, args=(base, accounts[users + i], s, rec, done, song_ids))
                       for i, s in enumerate(songs)]
            for t in readers + workers:
                t.start()
            for t in workers:
                t.join()
            stop.set()
            for t in readers:
                t.join(timeout=30)
        finally:
            stop_services(env, procs)
        wall = time.perf_counter() - started
    print(f"\n== {mode}: {users} users browsing while {pipelines} pipelines ran ({wall:.0f} s; pipelines: "
          f"{', '.join(done) or 'none finished'})")
    print(f"{'route':<40}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'API p50':>9}{'API p99':>9}")
    ok = len(done) == pipelines and all(stage == "completed" for stage in done)
    for route in sorted(rec.latency):
        values = rec.latency[route]
        p50, p99 = statistics.median(values), percentile(values, 0.99)
        own = rec.server[route]
        print(f"{route:<40}{len(values):>9}{p50:>9.1f}{p99:>9.1f}{rec.errors[route]:>8}"
              f"{statistics.median(own) if own else 0:>9.1f}{percentile(own, 0.99):>9.1f}")
        if rec.errors[route] or (route in READ_ROUTES and p99 >= TARGET_P99_MS):
            ok = False
    print(f"target: p99 of status and library reads < {TARGET_P99_MS:.0f} ms, zero errors: {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("embedded", "production", "both"), default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--pipelines", type=int, default=5)
    args = parser.parse_args()
    modes = ("embedded", "production") if args.mode == "both" else (args.mode,)
    results = [run(mode, args.users, args.pipelines) for mode in modes]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
