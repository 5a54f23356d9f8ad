package dmsrunbook.schema;

/**
 * One DDL statement of a {@link SchemaPlan}: the object it is about, what it does to it, the SQL, and a query that
 * tells whether it is done already. Applying runs {@code doneCheck} first and skips the statement when it answers
 * true, so a retried or re-run apply changes nothing that is already there.
 *
 * @param doneCheck SQL returning one row with one boolean: true when the statement's effect is already present
 */
public record SchemaStatement(SchemaObject object, Action action, String sql, String doneCheck) {

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

    /** E.g. {@code create table shop.orders}, {@code validate foreign key shop.orders.orders_customer_id_fkey}. */
    public String describe() {
        return action.words() + " " + object;
    }
}
