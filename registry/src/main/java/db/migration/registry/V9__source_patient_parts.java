package db.migration.registry;

import no.dhoindex.registry.infrastructure.jdbc.StoredFormMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Stored form 2 rows rewritten in form 3 (the source patient's PID fields as parts, {@link
 * no.dhoindex.registry.infrastructure.jdbc.StoredForm}): once, here, rather than parsed at every read.
 */
public class V9__source_patient_parts extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        StoredFormMigration.toCurrentForm(context.getConnection());
    }
}
