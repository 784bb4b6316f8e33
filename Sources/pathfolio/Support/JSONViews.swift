import Foundation
import PathfolioCore
import PathfolioStore

/// The JSON that `--json` prints for an experience: the model's own fields plus the
/// resolved organization, the person's ID, its short ID and bookkeeping.
struct ExperienceJSON: Encodable {
    var stored: StoredExperience
    var reflections: [Reflection]?
    var links: [Link]?

    private enum Extra: String, CodingKey {
        case shortID, personID, organization, createdAt, updatedAt, deletedAt, reflections, links
    }

    func encode(to encoder: any Encoder) throws {
        try stored.experience.encode(to: encoder)
        var container = encoder.container(keyedBy: Extra.self)
        try container.encode(stored.experience.id.short, forKey: .shortID)
        try container.encode(stored.personID, forKey: .personID)
        try container.encodeIfPresent(stored.organization, forKey: .organization)
        try container.encode(stored.createdAt, forKey: .createdAt)
        try container.encode(stored.updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(stored.deletedAt, forKey: .deletedAt)
        try container.encodeIfPresent(reflections, forKey: .reflections)
        try container.encodeIfPresent(links, forKey: .links)
    }
}

extension ExperienceJSON: JSONNodeRepresentable {
    /// What ``encode(to:)`` gives, built directly (`list --json` prints thousands).
    func jsonNode(dates: FastJSONEncoder.DateStrategy) throws -> JSONNode {
        let node = try stored.experience.jsonNode(dates: dates)
        guard case .object(let object) = node else { return node }
        // After the experience's own keys, out of order: the writer sorts them.
        object.set("shortID", .string(stored.experience.id.short))
        object.set("personID", .string(stored.personID.rawValue))
        if let organization = stored.organization { object.set("organization", try .of(organization, dates: dates)) }
        object.set("createdAt", try .of(stored.createdAt, dates: dates))
        object.set("updatedAt", try .of(stored.updatedAt, dates: dates))
        if let deletedAt = stored.deletedAt { object.set("deletedAt", try .of(deletedAt, dates: dates)) }
        if let reflections { object.set("reflections", .array(JSONArrayBox(reflections.map(\.jsonNode)))) }
        if let links { object.set("links", .array(JSONArrayBox(links.map(\.jsonNode)))) }
        return node
    }
}

/// The JSON for a person: the model's fields plus bookkeeping.
struct PersonJSON: Encodable {
    var stored: StoredPerson

    private enum Extra: String, CodingKey { case shortID, experienceCount, isDefault, createdAt, deletedAt }

    func encode(to encoder: any Encoder) throws {
        try stored.person.encode(to: encoder)
        var container = encoder.container(keyedBy: Extra.self)
        try container.encode(stored.person.id.short, forKey: .shortID)
        try container.encode(stored.experienceCount, forKey: .experienceCount)
        try container.encode(stored.isDefault, forKey: .isDefault)
        try container.encode(stored.createdAt, forKey: .createdAt)
        try container.encodeIfPresent(stored.deletedAt, forKey: .deletedAt)
    }
}

/// The JSON for a revision, with the fields it changed.
struct RevisionJSON: Encodable {
    var revision: Revision
    var changes: [FieldChange]

    private enum Keys: String, CodingKey { case revision, entity, entityID, action, at, actor, changes, hash }
    private enum ChangeKeys: String, CodingKey { case field, before, after }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(revision.id, forKey: .revision)
        try container.encode(revision.entity, forKey: .entity)
        try container.encode(revision.entityID, forKey: .entityID)
        try container.encode(revision.action, forKey: .action)
        try container.encode(revision.at, forKey: .at)
        try container.encode(revision.actor, forKey: .actor)
        try container.encode(revision.hash, forKey: .hash)
        var list = container.nestedUnkeyedContainer(forKey: .changes)
        for change in changes {
            var item = list.nestedContainer(keyedBy: ChangeKeys.self)
            try item.encode(change.field, forKey: .field)
            try item.encodeIfPresent(change.before, forKey: .before)
            try item.encodeIfPresent(change.after, forKey: .after)
        }
    }
}

/// What `delete`, `restore` and `purge` did, for `--json`.
struct RecordActionJSON: Encodable {
    var action: String
    var entity: String
    var id: String
    var revision: Int64?

    init(_ action: String, _ record: RecordReference, revision: Int64? = nil) {
        self.action = action
        self.entity = record.entity.rawValue
        self.id = record.id
        self.revision = revision
    }
}
