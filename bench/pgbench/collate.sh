#!/bin/bash
# Sets every character column of schema $1's tables to collation $2 ("C" or "default"), in place (indexes rebuilt).
schema=$1; collation=$2
psql -h 127.0.0.1 -U postgres -d ${3:-sets10_bench} -q -At <<SQL
DO \$\$ DECLARE r record; BEGIN
  FOR r IN SELECT table_name, column_name, data_type, character_maximum_length FROM information_schema.columns
           WHERE table_schema = '$schema' AND data_type IN ('character varying', 'character') LOOP
    EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE %s(%s) COLLATE "$collation"', '$schema', r.table_name,
                   r.column_name, CASE r.data_type WHEN 'character' THEN 'char' ELSE 'varchar' END, r.character_maximum_length);
  END LOOP; END \$\$;
SQL
