package dmsrunbook.schema;

/**
 * One DDL statement of a {@link SchemaPlan}: the object it is about, what it does to it, the SQL, and a query that
 * tells whether it is done already. Applying runs {@code doneCheck} first and skips the statement when it answers
 * true, so a retried or re-run apply changes nothing that is already there.
 *
 * @param doneCheck SQL returning one row with one boolean: true when the statement's effect is already present
 * @param alone     never run beside the statements before it, even of its kind: it needs them done (a partitioned
 *                  table's index attaches its partitions' indexes, which would otherwise be built twice)
 */
public record SchemaStatement(SchemaObject object, Action action, String sql, String doneCheck, boolean alone) {

    /** What the statement does to its object. */
    public enum Action {
        CREATE("create"),
        /** A change after creation: a partition's own default, a trigger's enabled state, a sequence's owner. */
        ALTER("alter"),
        /** Checks the rows of a constraint added NOT VALID. */
        VALIDATE("validate"),
        COMMENT("comment on");

        private final String words;

        Action(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public SchemaStatement {
        if (object == null || action == null || sql == null || doneCheck == null) {
            throw new IllegalArgumentException("a schema statement needs an object, an action, SQL and a done check");
        }
    }

    /** A statement that may run beside others of its kind. */
    public SchemaStatement(SchemaObject object, Action action, String sql, String doneCheck) {
        this(object, action, sql, doneCheck, false);
    }

    /** The same statement, run only once those before it are done. */
    public SchemaStatement runAlone() {
        return new SchemaStatement(object, action, sql, doneCheck, true);
    }

    /** E.g. {@code create table shop.orders}, {@code validate foreign key shop.orders.orders_customer_id_fkey}. */
    public String describe() {
        return action.words() + " " + object;
    }
}
