package db.migration.registry;

import no.dhoindex.registry.infrastructure.jdbc.StoredFormMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Stored form 1 rows rewritten with HL7 v2 values as parts ({@link
 * no.dhoindex.registry.infrastructure.jdbc.StoredForm}; in the current form, which has kept them as parts since
 * form 2): once, here, rather than parsed at every read.
 */
public class V8__hl7v2_parts extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        StoredFormMigration.toCurrentForm(context.getConnection());
    }
}
