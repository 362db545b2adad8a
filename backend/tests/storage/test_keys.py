"""The storage key layout: everything of a song under its prefix, of a video under its own, new keys per version."""

import uuid

from vibecraft.storage import keys
from vibecraft.storage.base import check_key


def test_every_key_sits_under_its_owner_and_changes_with_the_version():
    user, song, clip, video, item = (uuid.uuid4() for _ in range(5))
    song_keys = [keys.song_original(user, song, "mp3"), keys.media_item(user, song, item, "jpg"),
                 *keys.clip_files(user, song, clip, 1)]
    assert all(k.startswith(keys.song_prefix(user, song)) for k in song_keys)
    assert all(k.startswith(keys.clips_prefix(user, song)) for k in keys.clip_files(user, song, clip, 1))
    assert keys.media_item(user, song, item, "jpg").startswith(keys.media_prefix(user, song))
    assert set(keys.clip_files(user, song, clip, 1)).isdisjoint(keys.clip_files(user, song, clip, 2))
    video_keys = keys.video_files(user, video, 3)
    assert all(k.startswith(keys.video_prefix(user, video)) for k in video_keys)
    assert set(video_keys).isdisjoint(keys.video_files(user, video, 4))
    assert not keys.video_prefix(user, video).startswith(keys.song_prefix(user, song))
    for key in song_keys + list(video_keys):
        check_key(key)  # every key is one the storage backends accept
