import GRDB

/// Binds desk users to operating-system logins (peer authentication): a process acts as the user its login maps to.
enum MigrationUserLogins {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE user_logins (
                login TEXT NOT NULL,
                user_name TEXT NOT NULL REFERENCES users(name),
                mapped_by TEXT NOT NULL,
                mapped_at REAL NOT NULL,
                PRIMARY KEY (login, user_name)
            ) WITHOUT ROWID;
            CREATE INDEX user_logins_user ON user_logins(user_name);
            """)
    }
}
