package dmsrunbook.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceUrlTest {

    @Test
    void libpqUrl_givesItsParts_andNeverShowsThePassword() {
        SourceUrl url = SourceUrl.parse("postgresql://app:s%40cret@db.example.internal:6432/sales?sslmode=require");

        assertThat(url.host()).isEqualTo("db.example.internal");
        assertThat(url.port()).isEqualTo(6432);
        assertThat(url.database()).isEqualTo("sales");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).contains("s@cret");
        assertThat(url.sslMode()).isEqualTo("require");
        assertThat(url.toString()).isEqualTo("postgresql://app@db.example.internal:6432/sales").doesNotContain("cret");
        assertThat(url.jdbcUrl(5)).doesNotContain("cret");
    }

    @Test
    void jdbcUrl_takesItsCredentialsFromTheQuery_andDefaultsThePort() {
        SourceUrl url = SourceUrl.parse("jdbc:postgresql://127.0.0.1/library?user=reader&password=pw");

        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.user()).isEqualTo("reader");
        assertThat(url.password()).contains("pw");
    }

    @Test
    void urlsThatCannotWork_areRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> SourceUrl.parse("mysql://root:topsecret@db/shop"))
                .isInstanceOf(RehearsalInputException.class).hasMessageContaining("--source-url is not a PostgreSQL URL")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> SourceUrl.parse("postgresql://app:topsecret@db.example.internal/"))
                .hasMessageContaining("names no database").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> SourceUrl.parse("postgresql://db.example.internal/sales"))
                .hasMessageContaining("names no user");
    }
}
