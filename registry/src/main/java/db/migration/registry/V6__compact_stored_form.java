package db.migration.registry;

import no.dhoindex.registry.infrastructure.jdbc.StoredFormMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Full metadata from JSON bodies to the compact stored form (column {@code meta}, {@link
 * no.dhoindex.registry.infrastructure.jdbc.StoredForm}); Java, as no SQL of H2 and PostgreSQL alike can
 * decode the JSON. Flyway finds it beside the SQL migrations (same location).
 */
public class V6__compact_stored_form extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        StoredFormMigration.fromJsonBodies(context.getConnection());
    }
}
