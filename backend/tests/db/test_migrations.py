"""The schema comes only from Alembic: after `upgrade head` it matches the models, on SQLite and PostgreSQL."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import vibecraft.models  # noqa: F401  (registers the tables)


def test_migrated_schema_matches_the_models(database_url):
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    finally:
        engine.dispose()
    assert differences == [], f"models and migrations disagree; add a revision: {differences}"


def test_downgrade_and_upgrade_again(tmp_path):
    from alembic import command

    from vibecraft.migrate import alembic_config, upgrade_to_head

    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade_to_head(url)
    command.downgrade(alembic_config(url), "base")
    assert sa.inspect(sa.create_engine(url)).get_table_names() == ["alembic_version"]
    upgrade_to_head(url)
    assert "clips" in sa.inspect(sa.create_engine(url)).get_table_names()
