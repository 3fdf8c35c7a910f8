from alembic.config import Config
from alembic.script import ScriptDirectory

from fko_desktop.storage import schema


def test_file_name_revisions_match_alembics_own_view():
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert schema.known_revisions() == {rev.revision for rev in script.walk_revisions()}
    assert schema.head_revision() == script.get_current_head()
