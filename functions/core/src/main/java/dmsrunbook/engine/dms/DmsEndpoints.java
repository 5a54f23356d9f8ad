package dmsrunbook.engine.dms;

import dmsrunbook.error.AwsRequestFailedException;
import dmsrunbook.error.Failures;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.DmsEndpointSettings;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.MigrationSpec;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.databasemigration.model.CreateEndpointRequest;
import software.amazon.awssdk.services.databasemigration.model.DmsSslModeValue;
import software.amazon.awssdk.services.databasemigration.model.Endpoint;
import software.amazon.awssdk.services.databasemigration.model.ReplicationEndpointTypeValue;
import software.amazon.awssdk.services.databasemigration.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.databasemigration.model.ResourceNotFoundException;

/**
 * Finds or creates the DMS endpoints of a migration, named {@code <migrationId>-source} and {@code -target}.
 * Database endpoints read their connection and credentials from the spec's secret (DMS's Secrets Manager
 * integration), so no password passes through the runbook.
 */
final class DmsEndpoints {

    private final DatabaseMigrationClient dms;
    private final String stackName;

    DmsEndpoints(DatabaseMigrationClient dms, String stackName) {
        this.dms = dms;
        this.stackName = stackName;
    }

    String ensure(MigrationSpec spec, EndpointSpec endpoint, ReplicationEndpointTypeValue type) {
        if (endpoint.hasExistingEndpoint()) {
            return endpoint.endpointArn();
        }
        String identifier = spec.migrationId() + "-" + type.toString().toLowerCase();
        return find(identifier).map(existing -> {
            if (!existing.engineName().equals(endpoint.engine().value())) {
                throw new AwsRequestFailedException("DMS endpoint " + identifier + " exists with engine " + existing.engineName()
                        + ", not " + endpoint.engine().value(), "delete that endpoint, or use another migrationId", null);
            }
            return existing.endpointArn();
        }).orElseGet(() -> create(spec, endpoint, type, identifier));
    }

    private java.util.Optional<Endpoint> find(String identifier) {
        try {
            List<Endpoint> endpoints = dms.describeEndpoints(b -> b.filters(f -> f.name("endpoint-id").values(identifier))).endpoints();
            return endpoints.stream().filter(e -> identifier.equals(e.endpointIdentifier())).findFirst();
        } catch (ResourceNotFoundException e) {
            return java.util.Optional.empty();
        } catch (SdkException e) {
            throw Failures.ofAws("DMS DescribeEndpoints", e);
        }
    }

    private String create(MigrationSpec spec, EndpointSpec endpoint, ReplicationEndpointTypeValue type, String identifier) {
        CreateEndpointRequest.Builder request = CreateEndpointRequest.builder()
                .endpointIdentifier(identifier)
                .endpointType(type)
                .engineName(endpoint.engine().value())
                .tags(DmsTags.of(spec, stackName));
        if (endpoint.engine() == DatabaseEngine.S3) {
            request.s3Settings(DmsEndpointSettings.s3(endpoint.dmsSettings()).build());
        } else {
            request.sslMode(DmsSslModeValue.fromValue(endpoint.sslMode().value()));
            String role = spec.dms().secretsAccessRoleArn();
            switch (endpoint.engine().family()) {
                case POSTGRES -> request.postgreSQLSettings(DmsEndpointSettings.postgres(endpoint.dmsSettings())
                        .secretsManagerSecretId(endpoint.secretArn()).secretsManagerAccessRoleArn(role)
                        .databaseName(endpoint.database()).build());
                case MYSQL -> {
                    var settings = DmsEndpointSettings.mysql(endpoint.dmsSettings())
                            .secretsManagerSecretId(endpoint.secretArn()).secretsManagerAccessRoleArn(role);
                    // A MySQL source spans databases (the selection rules pick them); a target writes into one.
                    if (type == ReplicationEndpointTypeValue.TARGET) {
                        settings.databaseName(endpoint.database());
                    }
                    request.mySQLSettings(settings.build());
                }
                case OBJECT_STORE -> throw new IllegalStateException("s3 endpoints take S3Settings");
            }
        }
        try {
            return dms.createEndpoint(request.build()).endpoint().endpointArn();
        } catch (ResourceAlreadyExistsException e) {
            // A concurrent retry created it first.
            return find(identifier).orElseThrow(() -> Failures.ofAws("DMS CreateEndpoint " + identifier, e)).endpointArn();
        } catch (SdkException e) {
            throw Failures.ofAws("DMS CreateEndpoint " + identifier, e);
        }
    }
}
