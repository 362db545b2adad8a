"""Upload → composed video for a 3-minute song on the embedded defaults (a real `vibecraft serve`), per stage.

Target: total ≤ 1.5 × the song's length on this 2-core machine. Prints each stage's wall time.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "lyrics"
VIBECRAFT = ROOT / ".venv" / "bin" / "vibecraft"


def three_minute_song(dst: Path) -> Path:
    songs = sorted(SHARED.glob("*.mp3"))
    args = ["ffmpeg", "-nostdin", "-v", "error", "-y"]
    for s in songs:
        args += ["-i", str(s)]
    args += ["-filter_complex", f"{''.join(f'[{i}:a]' for i in range(len(songs)))}concat=n={len(songs)}:v=0:a=1[a]",
             "-map", "[a]", "-t", "180", "-c:a", "libmp3lame", "-b:a", "192k", str(dst)]
    subprocess.run(args, check=True)
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_job(client: httpx.Client, job_id: str, timeout: float = 900) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("completed", "failed"):
            return job
        time.sleep(0.5)
    raise TimeoutError(job_id)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        song = three_minute_song(tmp / "three-minutes.mp3")
        port = free_port()
        env = {**os.environ, "DATA_DIR": str(tmp / "data"), "PORT": str(port)}
        subprocess.run([str(VIBECRAFT), "migrate"], env=env, check=True, capture_output=True)
        server = subprocess.Popen([str(VIBECRAFT), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120)
            for _ in range(60):
                try:
                    if client.get("/api/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.5)
            token = client.post("/api/auth/register", json={"email": "bench@example.com", "password": "bench password"}).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
            stages: dict[str, float] = {}
            t_all = time.perf_counter()

            t = time.perf_counter()
            with song.open("rb") as f:
                created = client.post("/api/songs", files={"file": (song.name, f)}).json()
            stages["upload"] = time.perf_counter() - t

            t = time.perf_counter()
            job = wait_job(client, client.post(f"/api/songs/{created['id']}/analyze").json()["id"])
            assert job["status"] == "completed", job
            stages["analysis (with lyrics)"] = time.perf_counter() - t

            t = time.perf_counter()
            analysis = client.get(f"/api/songs/{created['id']}/analysis").json()
            res = client.post(f"/api/songs/{created['id']}/sections", json={"sections": analysis["suggested_sections"]})
            assert res.status_code == 201, res.text
            clips = client.post(f"/api/songs/{created['id']}/clips/plan").json()
            stages["sections + plan"] = time.perf_counter() - t

            t = time.perf_counter()
            client.post(f"/api/songs/{created['id']}/clips/generate")
            composing_at = None
            while True:
                status = client.get(f"/api/songs/{created['id']}/generation/status").json()
                if status["stage"] == "composing" and composing_at is None:
                    composing_at = time.perf_counter()
                if status["stage"] in ("completed", "failed"):
                    break
                time.sleep(0.25)
            assert status["stage"] == "completed", status
            end = time.perf_counter()
            composing_at = composing_at or end
            stages[f"generate + normalize {len(clips)} clips"] = composing_at - t
            stages["compose + verify + publish"] = end - composing_at
            total = time.perf_counter() - t_all
        finally:
            server.terminate()
            server.wait(timeout=30)
    duration = created["duration_sec"]
    print(f"3-minute song on embedded defaults (local renderer, 1080p24), song length {duration:.1f} s")
    print(f"{'stage':<36}{'wall s':>10}")
    for name, sec in stages.items():
        print(f"{name:<36}{sec:>10.1f}")
    print(f"{'total':<36}{total:>10.1f}   = {total / duration:.2f} × song length (target ≤ 1.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
