import GRDB

/// `v16-search`: the indexes behind the queue's `/` filter, kept by SQL triggers in the writer's transaction.
///
/// - `queue_search`: FTS5 with the trigram tokenizer (case-insensitive), one row per application (its rowid is the
///   application's rowid) over the customer's name, the application id and the customer id, so any substring of
///   three or more characters — a CJK name, `0012` inside an id — is an index lookup.
/// - `queue_search_grams`: each customer name's one- and two-character substrings (lower-cased), because a
///   trigram index cannot answer "张" or "张伟", and one- and two-character CJK names are common. Per customer,
///   not per application: a name is stored once however many applications the customer has.
/// - `queue_search_positions`: the numbers 1…`maximumNameLength`, so the triggers can cut a name into substrings
///   (SQLite allows no `WITH RECURSIVE` inside a trigger).
///
/// A name longer than `maximumNameLength` characters gets no short substrings past that point; three-character
/// and longer queries still find it through the trigram index.
enum MigrationSearch {
    static let maximumNameLength = 64

    static let createSQL = """
        CREATE VIRTUAL TABLE queue_search USING fts5(name, application_id, customer_id, tokenize = 'trigram');
        CREATE TABLE queue_search_grams (
            gram TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            PRIMARY KEY (gram, customer_id)
        ) WITHOUT ROWID;
        """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE queue_search_positions (i INTEGER PRIMARY KEY)")
        for i in 1...maximumNameLength {
            try db.execute(sql: "INSERT INTO queue_search_positions (i) VALUES (?)", arguments: [i])
        }
        try db.execute(sql: triggersSQL)
        try QueueSearchIndex.rebuild(db)
    }

    /// The short substrings of `name` (an SQL expression) for customer `id`, as a SELECT over the positions table.
    static func gramsSelect(name: String, id: String) -> String {
        """
        SELECT substr(lower(\(name)), p.i, 1), \(id) FROM queue_search_positions p WHERE p.i <= length(\(name))
        UNION SELECT substr(lower(\(name)), p.i, 2), \(id) FROM queue_search_positions p WHERE p.i < length(\(name))
        """
    }

    static let ftsRowSelect = """
        SELECT a.rowid, coalesce(c.name, ''), a.id, a.customer_id FROM applications a LEFT JOIN customers c ON c.id = a.customer_id
        """

    static var triggersSQL: String {
        """
        CREATE TRIGGER queue_search_application_insert AFTER INSERT ON applications BEGIN
            INSERT INTO queue_search (rowid, name, application_id, customer_id)
            VALUES (NEW.rowid, coalesce((SELECT name FROM customers WHERE id = NEW.customer_id), ''), NEW.id, NEW.customer_id);
        END;
        CREATE TRIGGER queue_search_application_delete AFTER DELETE ON applications BEGIN
            DELETE FROM queue_search WHERE rowid = OLD.rowid;
        END;
        CREATE TRIGGER queue_search_application_update AFTER UPDATE OF id, customer_id ON applications BEGIN
            DELETE FROM queue_search WHERE rowid = OLD.rowid;
            INSERT INTO queue_search (rowid, name, application_id, customer_id)
            VALUES (NEW.rowid, coalesce((SELECT name FROM customers WHERE id = NEW.customer_id), ''), NEW.id, NEW.customer_id);
        END;
        CREATE TRIGGER queue_search_customer_insert AFTER INSERT ON customers BEGIN
            INSERT OR IGNORE INTO queue_search_grams (gram, customer_id) \(gramsSelect(name: "NEW.name", id: "NEW.id"));
        END;
        CREATE TRIGGER queue_search_customer_delete AFTER DELETE ON customers BEGIN
            DELETE FROM queue_search_grams WHERE customer_id = OLD.id;
        END;
        CREATE TRIGGER queue_search_customer_rename AFTER UPDATE OF name, id ON customers
        WHEN NEW.name IS NOT OLD.name OR NEW.id IS NOT OLD.id BEGIN
            DELETE FROM queue_search_grams WHERE customer_id = OLD.id;
            INSERT OR IGNORE INTO queue_search_grams (gram, customer_id) \(gramsSelect(name: "NEW.name", id: "NEW.id"));
            DELETE FROM queue_search WHERE rowid IN (SELECT rowid FROM applications WHERE customer_id IN (OLD.id, NEW.id));
            INSERT INTO queue_search (rowid, name, application_id, customer_id)
            SELECT a.rowid, coalesce(c.name, ''), a.id, a.customer_id FROM applications a LEFT JOIN customers c ON c.id = a.customer_id
            WHERE a.customer_id IN (OLD.id, NEW.id);
        END;
        """
    }
}

/// The derived search tables rebuilt from the base tables (after a bulk load, and by the migration).
public enum QueueSearchIndex {
    /// Recomputes `queue_search` and `queue_search_grams` from `applications` and `customers`, set-based.
    /// The tables are dropped and created again: emptying a million-row FTS table row by row costs more than
    /// building it.
    public static func rebuild(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS queue_search;
            DROP TABLE IF EXISTS queue_search_grams;
            \(MigrationSearch.createSQL)
            INSERT INTO queue_search (rowid, name, application_id, customer_id) \(MigrationSearch.ftsRowSelect);
            INSERT OR IGNORE INTO queue_search_grams (gram, customer_id)
            SELECT substr(lower(c.name), p.i, 1), c.id FROM customers c JOIN queue_search_positions p ON p.i <= length(c.name)
            UNION ALL
            SELECT substr(lower(c.name), p.i, 2), c.id FROM customers c JOIN queue_search_positions p ON p.i < length(c.name);
            """)
    }
}
