"""The Redis cache (history_site/redis_cache.py): Django's RedisCache, one redis client per connection pool.

Runs against the Redis at 127.0.0.1:6379 (database 13, emptied before and after
each test); skipped, saying so, where none answers.
"""

from __future__ import annotations

from unittest import mock

import pytest
import redis

from history_site.redis_cache import ReusingRedisCache

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_database():
    """Database 13 of the local Redis, empty; the test is skipped when Redis does not answer."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.flushdb()
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as error:
        pytest.skip(f"needs a Redis server at 127.0.0.1:6379, which did not answer: {error}")
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def cache(redis_database) -> ReusingRedisCache:
    return ReusingRedisCache(REDIS_URL, {})


@pytest.fixture
def primary_and_replica(redis_database) -> ReusingRedisCache:
    """Two servers, as Django reads them: the first takes the writes, the other the reads
    (both database 13 here, so what is written can be read back)."""
    return ReusingRedisCache([REDIS_URL, REDIS_URL], {})


def test_a_value_set_is_got_back(cache):
    cache.set("greeting", {"text": "¡Hola, Coyoacán!"}, timeout=60)

    assert cache.get("greeting") == {"text": "¡Hola, Coyoacán!"}


def test_a_value_is_stored_in_redis_under_the_cache_key(cache, redis_database):
    cache.set("greeting", "hello", timeout=60)

    assert redis_database.exists(cache.make_key("greeting")) == 1


def test_a_deleted_value_is_gone(cache):
    cache.set("greeting", "hello", timeout=60)

    assert cache.delete("greeting") is True
    assert cache.get("greeting") is None


def test_a_missing_key_gives_the_default(cache):
    assert cache.get("never-set", "default") == "default"


def test_the_client_is_the_same_object_on_every_call(cache):
    client = cache._cache

    assert client.get_client(write=False) is client.get_client(write=False)
    assert client.get_client(write=True) is client.get_client(write=True)


def test_with_one_server_reads_and_writes_share_one_client(cache):
    client = cache._cache

    assert client.get_client(write=True) is client.get_client(write=False)


def test_many_cache_calls_build_one_redis_client(cache):
    client = cache._cache
    client._client = mock.Mock(wraps=client._client)

    cache.set("greeting", "hello", timeout=60)
    cache.get("greeting")
    cache.set_many({"a": 1, "b": 2}, timeout=60)
    cache.get_many(["a", "b"])
    cache.delete("greeting")

    assert client._client.call_count == 1


def test_writes_use_the_client_of_the_primarys_pool(primary_and_replica):
    client = primary_and_replica._cache

    assert client.get_client(write=True).connection_pool is client._get_connection_pool(write=True)


def test_reads_use_the_client_of_the_replicas_pool(primary_and_replica):
    client = primary_and_replica._cache

    assert client.get_client(write=False).connection_pool is client._get_connection_pool(write=False)


def test_reads_and_writes_to_different_servers_use_different_clients(primary_and_replica):
    client = primary_and_replica._cache

    assert client.get_client(write=True) is not client.get_client(write=False)


def test_a_value_written_through_the_primary_is_read_through_the_replica(primary_and_replica):
    primary_and_replica.set("greeting", "hello", timeout=60)

    assert primary_and_replica.get("greeting") == "hello"
