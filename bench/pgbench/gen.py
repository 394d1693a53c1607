"""Writes pgbench scripts of one ITI-42 set of 10 as the registry's JDBC store sends it (issue 17 experiments):
the look-up of new identifiers, then the inserts of set, set author, 10 documents, 20 codes (1 event code,
1 confidentiality code each, as the benchmark's entries), 10 authors, 10 HasMember associations, commit.
pgbench -M prepared reads a colon before a name as a variable even inside a literal: such literals are split.
usage: python3 gen.py  ->  set10-lookup-uuids.sql (main: the look-up asks for all 21 entryUUIDs in 4 tables)
                           set10-lookup-ids.sql   (the look-up asks for the uniqueIds only)
                           set10-lookup-ids-regc.sql (the same on schema regc, schema-collate-c.sql)
The scripts are written, not kept (.gitignore)."""

def uuid(kind, g=''):
    return "('urn:' || 'uuid:' || md5(:n || '%s%s')::uuid)" % (kind, g)

def doc_uid(g):
    return "('1.3.6.1.4.1.21367.2026.17.1.' || (:n * 10 + %d))" % g

patient = "('0101' || :p || '^^^&2.16.578.1.12.4.1.4.1&ISO')"
meta = "decode(repeat(md5(:n || 'm'), 19), 'hex')"  # 608 bytes, like a stored form of the benchmark's entry

def script(with_uuids, schema="reg"):
    uuids = [uuid('s')] + [uuid('d', g) for g in range(10)] + [uuid('a', g) for g in range(10)]
    branches = ["SELECT 'D' AS kind, unique_id AS id, status, meta FROM document_entry WHERE unique_id IN (%s)"
                % ", ".join(doc_uid(g) for g in range(10))]
    if with_uuids:
        for t in ["document_entry", "submission_set", "folder", "association"]:
            branches.append("SELECT 'U', entry_uuid, NULL, NULL FROM %s WHERE entry_uuid IN (%s)" % (t, ", ".join(uuids)))
    for t in ["submission_set", "folder"]:
        branches.append("SELECT 'S', unique_id, NULL, NULL FROM %s WHERE unique_id IN (('1.3.6.1.4.1.21367.2026.17.2.' || :n))" % t)
    lines = ["\\set n random(1, 1000000000000)", "\\set p random(1, 1000)", "SET search_path = %s;" % schema,
             " UNION ALL ".join(branches) + ";", "BEGIN;"]
    lines.append("INSERT INTO submission_set (entry_uuid, unique_id, patient_id, status, source_id, submission_time, "
                 "content_type_code, content_type_scheme, seq, meta) VALUES (%s, '1.3.6.1.4.1.21367.2026.17.2.' || :n, %s, "
                 "'APPROVED', '2.16.578.1.12.4.1.7.1.3', '20261124120000', 'A00-1', '2.16.578.1.12.4.1.1.9602', "
                 "(extract(epoch from clock_timestamp()) * 1000000)::bigint, %s);" % (uuid('s'), patient, meta))
    lines.append("INSERT INTO submission_set_author (entry_uuid, author_person) VALUES (%s, '^Sykepleier^Ola^^^');" % uuid('s'))
    g = "g"
    du = "('urn:' || 'uuid:' || md5(:n || 'd' || g)::uuid)"
    au = "('urn:' || 'uuid:' || md5(:n || 'a' || g)::uuid)"
    lines.append("INSERT INTO document_entry (entry_uuid, unique_id, logical_uuid, patient_id, status, entry_type, "
                 "class_code, class_scheme, type_code, type_scheme, practice_code, practice_scheme, facility_code, "
                 "facility_scheme, format_code, format_scheme, creation_time, service_start_time, service_stop_time, "
                 "repository_unique_id, seq, meta, version) SELECT %s, '1.3.6.1.4.1.21367.2026.17.1.' || (:n * 10 + g), %s, %s, "
                 "'APPROVED', 'STABLE', 'A00-1', '2.16.578.1.12.4.1.1.9602', '85354-9', '2.16.840.1.113883.6.1', "
                 "'1', '2.16.578.1.12.4.1.1.8653', '86', '2.16.578.1.12.4.1.1.1303', "
                 "'urn:' || 'ihe:' || 'iti:' || 'xds:' || '2017:' || 'mimeTypeSufficient', '1.3.6.1.4.1.19376.1.2.3', '20250101120000', "
                 "'20250101080000', NULL, '2.16.578.1.12.4.1.7.1.3.1', "
                 "(extract(epoch from clock_timestamp()) * 1000000)::bigint + g, %s, 1 FROM generate_series(0, 9) g;"
                 % (du, du, patient, meta))
    lines.append("INSERT INTO document_entry_code (entry_uuid, kind, code, scheme) SELECT %s, k, "
                 "CASE k WHEN 'E' THEN 'A03-1' ELSE 'N' END, '2.16.578.1.12.4.1.1.9602' "
                 "FROM generate_series(0, 9) g, (VALUES ('E'), ('C')) AS kinds(k);" % du)
    lines.append("INSERT INTO document_entry_author (entry_uuid, author_person) SELECT %s, '^Sykepleier^Ola^^^' "
                 "FROM generate_series(0, 9) g;" % du)
    lines.append("INSERT INTO association (entry_uuid, assoc_type, source_uuid, target_uuid, status, seq, meta, patient_id) "
                 "SELECT %s, 'HAS_MEMBER', %s, %s, 'APPROVED', (extract(epoch from clock_timestamp()) * 1000000)::bigint + g, "
                 "decode(repeat(md5(:n || 'x'), 5), 'hex'), %s FROM generate_series(0, 9) g;" % (au, uuid('s'), du, patient))
    lines.append("COMMIT;")
    body = [l if l.startswith("\\") else l.replace(":n", "CAST(:n AS bigint)").replace(":p", "CAST(:p AS int)") for l in lines]
    return "\n".join(body) + "\n"

open("set10-lookup-uuids.sql", "w").write(script(True))
open("set10-lookup-ids.sql", "w").write(script(False))
open("set10-lookup-ids-regc.sql", "w").write(script(False, "regc"))  # on schema-collate-c.sql
