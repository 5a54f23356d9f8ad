package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A database named by a JDBC URL is described without the URL's credentials, wherever the URL carried them. */
class ComparedDatabaseTest {

    @Test
    void urlDescription_dropsUserInfoAndCredentialParameters_keepingTheRest() {
        assertThat(ComparedDatabase.withoutCredentials("jdbc:postgresql://db:5432/app?user=app&password=s3cr3t&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require");
        assertThat(ComparedDatabase.withoutCredentials("jdbc:mariadb://app:s3cr3t@db:3306/shop?Password=x&useSsl=true&USER=app"))
                .isEqualTo("jdbc:mariadb://db:3306/shop?useSsl=true");
        assertThat(ComparedDatabase.withoutCredentials("jdbc:postgresql://db/app?password=s3cr3t")).isEqualTo("jdbc:postgresql://db/app");
        assertThat(ComparedDatabase.withoutCredentials("jdbc:postgresql://db/app")).isEqualTo("jdbc:postgresql://db/app");
    }

    @Test
    void urlDatabase_isDescribedByItsEngineAndBareUrl() {
        ComparedDatabase database = ComparedDatabase.ofJdbcUrl(dmsrunbook.spec.DatabaseEngine.POSTGRES,
                "jdbc:postgresql://db/app?user=app&password=s3cr3t", null, null);

        assertThat(database.description()).isEqualTo("postgres jdbc:postgresql://db/app").doesNotContain("s3cr3t");
    }
}
