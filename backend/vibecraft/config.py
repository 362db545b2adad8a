"""One settings object, read from the environment (and an optional .env file)."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Placeholder values that once shipped in examples; never accepted as a key anywhere.
KNOWN_PLACEHOLDER_SECRETS = frozenset({"development-only-secret-change-me", "change-me", "secret", "changeme"})
SECRET_FILE_NAME = "secret_key"
MIN_SECRET_LENGTH = 32


def load_or_create_secret(data_dir: Path) -> str:
    """The install's own random key, kept in DATA_DIR readable by its owner only; made on first start.

    Two processes starting together agree: the key is written to a private temporary file and linked into
    place, so exactly one write wins and every process reads that one."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SECRET_FILE_NAME
    if not path.exists():
        tmp = data_dir / f".{SECRET_FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    secret = path.read_text().strip()
    if len(secret) < MIN_SECRET_LENGTH:
        raise ValueError(f"{path} holds a key shorter than {MIN_SECRET_LENGTH} characters; delete it to make a new one")
    return secret


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    host: str = "127.0.0.1"  # where `vibecraft serve` listens; 0.0.0.0 to accept other machines (see README)
    port: int = 8000
    data_dir: Path = Path("./data")
    public_base_url: str = ""  # e.g. https://vibecraft.example; empty: taken from each request
    cors_origins: list[str] = []  # other origins allowed to call the API from a browser; the web app itself is same-origin

    database_url: str = ""  # empty: SQLite file in data_dir
    redis_url: str = ""  # empty: jobs run on threads inside the API process
    rq_queue_name: str = "ai_music_video"
    worker_threads: int = 2
    job_niceness: int = 10  # jobs run at this nice level so rendering never starves the API of CPU; 0 disables
    job_timeout_sec: int = 1800
    job_heartbeat_sec: int = 10
    job_stale_after_sec: int = 90
    job_max_attempts: int = 2

    storage_backend: Literal["local", "s3"] = "local"
    s3_bucket_name: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = "us-east-1"
    s3_max_attempts: int = 5  # botocore's standard retries (backoff with jitter) before a write counts as failed
    aws_access_key_id: str = ""
    aws_secret_access_key: str = ""
    signed_url_ttl_sec: int = 3600

    secret_key: str = ""  # empty: a random key made on first start and kept in data_dir (refused in production)
    access_token_ttl_min: int = 60 * 24
    login_free_failures_per_account: int = Field(5, ge=1)  # wrong passwords before each try must wait
    login_max_delay_sec: int = Field(60, ge=1)  # the longest wait between tries on one account (1, 2, 4 … s)
    login_max_failures_per_address: int = Field(20, ge=1)
    login_window_sec: int = Field(900, ge=1)
    registrations_per_address_per_day: int = Field(10, ge=1)

    upload_max_per_window: int = Field(30, ge=1)
    upload_window_sec: int = Field(3600, ge=1)
    reanalyses_per_day: int = Field(20, ge=1)  # analyses of a song that already has one
    generation_rounds_per_day: int = Field(20, ge=1)  # generations and regenerations started
    max_upload_bytes: int = 50 * 1024 * 1024
    max_json_bytes: int = 1024 * 1024
    upload_read_timeout_sec: float = 30.0  # an upload that sends nothing for this long is dropped
    max_song_duration_sec: float = 300.0

    smtp_host: str = ""  # empty: no e-mail; reset links come from `vibecraft reset-password EMAIL`
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_from: str = ""  # e.g. "VibeCraft <no-reply@vibecraft.example>"
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_timeout_sec: float = 15.0
    password_reset_ttl_min: int = Field(60, ge=1)
    password_resets_per_hour: int = Field(5, ge=1)  # requests per account and per network address

    quota_max_videos: int = 15
    quota_max_storage_bytes: int = 5 * 1024**3

    video_provider: Literal["local", "replicate"] = "local"
    replicate_api_token: str = ""
    replicate_base_url: str = "https://api.replicate.com/v1"
    replicate_video_model: str = "bytedance/seedance-1-lite"
    replicate_poll_interval_sec: float = 2.0
    # Outputs are fetched only over https from these hosts (and their subdomains); tests allow the fake's.
    replicate_output_hosts: str = "replicate.delivery"
    replicate_output_allow_http: bool = False
    replicate_output_max_bytes: int = 512 * 1024 * 1024
    replicate_continuity: bool = True  # first-frame models start each clip from the previous clip's last frame
    replicate_style_keyframe: bool = True  # and each section from one shared style key frame
    generation_concurrency: int = 2
    lyrics_backend: Literal["auto", "local", "replicate", "none"] = "auto"
    lyrics_model_path: str = ""
    crossfade_cuts: bool = False
    fps: int = 24
    video_max_height: int = 0  # 0: full size; e.g. 360 renders quick drafts (and keeps tests fast)

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> "Settings":
        if self.secret_key in KNOWN_PLACEHOLDER_SECRETS:
            raise ValueError("SECRET_KEY is a published placeholder; set a random one or leave it empty")
        if self.env == "production":
            missing = []
            if len(self.secret_key) < MIN_SECRET_LENGTH:
                missing.append(f"SECRET_KEY (at least {MIN_SECRET_LENGTH} random characters)")
            if self.storage_backend == "s3" and not self.s3_bucket_name:
                missing.append("S3_BUCKET_NAME")
            if missing:
                raise ValueError("ENV=production needs real values for: " + ", ".join(missing))
        elif not self.secret_key:
            self.secret_key = load_or_create_secret(self.data_dir)
        return self

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url.split("://", 1)[1]
            return url
        return f"sqlite:///{(self.data_dir / 'vibecraft.db').resolve()}"

    @property
    def temp_dir(self) -> Path:
        """Where uploads, exports and jobs keep their working files (swept by vibecraft/jobs/scratch.py)."""
        return self.data_dir / "tmp"

    @property
    def uses_rq(self) -> bool:
        return bool(self.redis_url)


@lru_cache
def get_settings() -> Settings:
    return Settings()
