import GRDB
import GRDBSQLite

/// A value bound straight to an SQLite statement by ``Ledger/Transaction/run(_:_:)``.
protocol SQLiteBindable {
    /// Binds the value to parameter `index` (from 1); SQLite's result code.
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32
}

/// SQLite copies the bytes before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension String: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        var text = self
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                // A null pointer would bind NULL: an empty string binds an empty text.
                guard let start = chars.baseAddress else { return sqlite3_bind_text(statement, index, "", 0, transient) }
                return sqlite3_bind_text(statement, index, start, Int32(chars.count), transient)
            }
        }
    }
}

extension Int: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        sqlite3_bind_int64(statement, index, Int64(self))
    }
}

extension Double: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        sqlite3_bind_double(statement, index, self)
    }
}

/// As GRDB stores it: the integer 1 or 0.
extension Bool: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        sqlite3_bind_int64(statement, index, self ? 1 : 0)
    }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        switch self {
        case let value?: value.bind(to: statement, at: index)
        case nil: sqlite3_bind_null(statement, index)
        }
    }
}

extension Ledger.Transaction {
    /// Runs a statement that returns no rows (the inserts and updates of every write), its
    /// values bound straight to SQLite.
    ///
    /// GRDB's `execute(arguments:)` makes a `DatabaseValue` of each value and binds them
    /// through nested closures: about 1,100 instructions a value, 13% of an import's writing
    /// thread, the thread an import waits for. Failures come back as GRDB's `DatabaseError`,
    /// with SQLite's result code and message, as from `execute(arguments:)`.
    func run(_ statement: Statement, _ values: [any SQLiteBindable]) throws {
        try bound(statement, values) { handle in
            while true {
                switch sqlite3_step(handle) {
                case SQLITE_DONE: return
                case SQLITE_ROW: continue
                case let code: throw failure(code, statement)
                }
            }
        }
    }

    /// Whether a query gives a row, its values bound straight to SQLite: the lookups an import
    /// makes for each record it brings (GRDB's `fetchOne` cost 16,000 instructions each).
    func hasRow(_ statement: Statement, _ values: [any SQLiteBindable]) throws -> Bool {
        try bound(statement, values) { handle in
            switch sqlite3_step(handle) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            case let code: throw failure(code, statement)
            }
        }
    }

    /// The statements given here are used only through ``run(_:_:)`` and ``hasRow(_:_:)``:
    /// GRDB does not know the values bound to them.
    private func bound<T>(_ statement: Statement, _ values: [any SQLiteBindable], _ body: (SQLiteStatement) throws -> T) throws -> T {
        // GRDB checks this before every statement: when SQLite has rolled the transaction
        // back itself (a full disk, an I/O error), a statement would run on its own and
        // be committed at once.
        guard db.isInsideTransaction else {
            throw DatabaseError(resultCode: .SQLITE_ABORT, message: "the transaction was rolled back", sql: statement.sql)
        }
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        precondition(values.count == Int(sqlite3_bind_parameter_count(handle)), "\(values.count) values for: \(statement.sql)")
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (offset, value) in values.enumerated() {
            let code = value.bind(to: handle, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw failure(code, statement) }
        }
        return try body(handle)
    }

    private func failure(_ code: Int32, _ statement: Statement) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
    }
}
