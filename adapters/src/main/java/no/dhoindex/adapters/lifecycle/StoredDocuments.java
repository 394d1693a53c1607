package no.dhoindex.adapters.lifecycle;

import java.util.Collection;
import java.util.Set;

/** The documents a repository organisation keeps (port): which are here, and removing them for good. */
public interface StoredDocuments {

    /** Which of these document uniqueIds are stored here (and served). */
    Set<String> present(Collection<String> uniqueIds);

    /** Removes these documents in one transaction, durably; how many were removed. */
    int remove(Collection<String> uniqueIds);
}
