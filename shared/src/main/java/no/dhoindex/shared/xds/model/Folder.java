package no.dhoindex.shared.xds.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A named grouping of one patient's documents; {@code lastUpdateTime} moves when members are added. */
public record Folder(RegistryObjectId id, AvailabilityStatus status, PatientId patientId, List<Code> codes,
                     String lastUpdateTime, Text title, Text comments, Map<String, List<String>> extraMetadata) {

    public Folder {
        Objects.requireNonNull(id, "id");
        codes = List.copyOf(codes);
        extraMetadata = ExtraMetadata.copy(extraMetadata);
    }

    public String entryUuid() {
        return id.entryUuid();
    }

    public String uniqueId() {
        return id.uniqueId();
    }

    public Folder withLastUpdateTime(String time) {
        return new Folder(id, status, patientId, codes, time, title, comments, extraMetadata);
    }

    public Folder withStatus(AvailabilityStatus newStatus) {
        return new Folder(id, newStatus, patientId, codes, lastUpdateTime, title, comments, extraMetadata);
    }
}
