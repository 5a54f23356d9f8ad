package dmsrunbook.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.SslMode;
import org.junit.jupiter.api.Test;

/** The subscription's connection string: libpq quoting of every value, and a SQL constant no setting reinterprets. */
class PostgresConninfoTest {

    private static final EndpointSpec SOURCE = new EndpointSpec(DatabaseEngine.POSTGRES, "db.example.internal", 5432, "shop",
            SslMode.VERIFY_FULL, "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/shop", null, null, null);

    @Test
    void valuesAreSingleQuoted_withQuotesAndBackslashesEscapedForLibpq() {
        assertThat(PostgresConninfo.of(SOURCE, "dmsrunbook_shop_repl", "it's a \\ pass word", "dmsrunbook_shop")).isEqualTo(
                "host='db.example.internal' port=5432 dbname='shop' user='dmsrunbook_shop_repl' password='it\\'s a \\\\ pass word' "
                        + "sslmode=verify-full application_name='dmsrunbook_shop'");
    }

    @Test
    void constant_isDollarQuoted_withATagTheTextDoesNotHold() {
        String text = "password='x$cabc$' and 'quotes' and \\backslashes\\";

        String constant = PostgresConninfo.constant(text);

        String tag = constant.substring(0, constant.indexOf('$', 1) + 1);
        assertThat(tag).matches("\\$c[0-9a-f]{12}\\$");
        assertThat(constant).isEqualTo(tag + text + tag);
        assertThat(text).doesNotContain(tag);
    }
}
