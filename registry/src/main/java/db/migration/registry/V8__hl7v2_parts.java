package db.migration.registry;

import no.dhoindex.registry.infrastructure.jdbc.StoredFormMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Stored form 1 rows rewritten in form 2 (HL7 v2 values as parts, {@link
 * no.dhoindex.registry.infrastructure.jdbc.StoredForm}): once, here, rather than parsed at every read.
 */
public class V8__hl7v2_parts extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        StoredFormMigration.toHl7v2Parts(context.getConnection());
    }
}
