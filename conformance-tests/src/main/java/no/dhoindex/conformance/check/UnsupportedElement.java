package no.dhoindex.conformance.check;

/** A test-plan element the runner cannot execute: the section is reported "not supported by the runner". */
public final class UnsupportedElement extends RuntimeException {

    public UnsupportedElement(String element) {
        super(element);
    }
}
