package no.dhoindex.conformance.kit;

/** One section of a kit test, e.g. {@code 12346/single_doc}. */
public record SectionId(String test, String section) {

    @Override
    public String toString() {
        return section.isEmpty() ? test : test + "/" + section;
    }
}
