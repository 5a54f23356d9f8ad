package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.SourceSchemaChangedException;
import org.junit.jupiter.api.Test;

/**
 * CheckSourceSchema on real PostgreSQL: an unchanged source passes (as often as it is asked); DDL on the source
 * since the target was verified stops the cutover, naming each object that changed.
 */
class CheckSourceSchemaHandlerIT {

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void unchangedSource_passesEveryTime_andDdlOnTheSource_stopsTheCutoverNamingTheObjects() {
        String source = ApplicationSchema.source(cloud, "check_schema");
        String target = cloud.database("check_schema_tgt", ApplicationSchema.DDL);
        JsonNode prepared = ApplicationSchema.preparedAndLoaded(cloud, "handler-check", source, target, "verify");
        ObjectNode event = LocalCloud.withResult(ApplicationSchema.event(cloud, CheckSourceSchemaHandler.class, "handler-check",
                source, target, "verify"), "targetSchema", prepared);
        CheckSourceSchemaHandler handler = new CheckSourceSchemaHandler(cloud.environment());

        JsonNode first = SampleEvents.invoke(handler, event);
        JsonNode again = SampleEvents.invoke(handler, event);

        assertThat(first.path("checked").asBoolean()).isTrue();
        assertThat(first.path("fingerprint").asText()).isEqualTo(prepared.at("/sourceFingerprint/hash").asText().substring(0, 12));
        assertThat(again.path("fingerprint").asText()).isEqualTo(first.path("fingerprint").asText());
        assertThat(first.path("detail").asText()).startsWith("the source's schema is unchanged since");

        // WHEN someone changes the source's schema while replication runs
        cloud.postgres.execute(source, "ALTER TABLE orders ADD COLUMN note text; "
                + "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;");

        // THEN the cutover stops, naming the new column and the changed function
        assertThatThrownBy(() -> SampleEvents.invoke(handler, event))
                .isExactlyInstanceOf(SourceSchemaChangedException.class)
                .hasMessageContaining("The source's schema changed since")
                .hasMessageContaining("missing on the target: column public.orders.note (text)")
                .hasMessageContaining("function public.touch()")
                .hasMessageContaining("Fix: neither DMS nor logical replication carries DDL whole");
    }
}
