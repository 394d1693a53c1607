package no.dhoindex.testsupport;

/** WS-Addressing actions of the IHE transactions (ITI TF-2). */
public final class XdsActions {

    public static final String ITI_42 = "urn:ihe:iti:2007:RegisterDocumentSet-b";
    public static final String ITI_18 = "urn:ihe:iti:2007:RegistryStoredQuery";
    public static final String ITI_57 = "urn:ihe:iti:2010:UpdateDocumentSet";
    public static final String ITI_92 = "urn:ihe:iti:2018:RestrictedUpdateDocumentSet";
    public static final String ITI_41 = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
    public static final String ITI_43 = "urn:ihe:iti:2007:RetrieveDocumentSet";
    public static final String ITI_38 = "urn:ihe:iti:2007:CrossGatewayQuery";
    public static final String ITI_39 = "urn:ihe:iti:2007:CrossGatewayRetrieve";

    private XdsActions() {
    }
}
