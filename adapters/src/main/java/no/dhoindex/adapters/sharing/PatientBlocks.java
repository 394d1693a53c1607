package no.dhoindex.adapters.sharing;

import java.util.List;
import no.dhoindex.shared.xds.model.PatientId;

/** The patients' blocks of this organisation's data, kept in the organisation's own database. */
public interface PatientBlocks {

    List<PatientBlock> of(PatientId patient);

    /** Adds the block; false when it was already there. */
    boolean add(PatientBlock block);

    /** Lifts the block; false when there was none. */
    boolean lift(PatientBlock block);
}
