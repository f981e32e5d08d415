/** Configuration, one {@code @ConfigMapping} interface per concern, read once at start-up. */
package io.github.mssqlk8s.config;
