/**
 * The only place with T-SQL and JDBC: typed queries over DMVs, DDL with quoting, SQL Server error numbers.
 * Every identifier and literal that reaches SQL text goes through {@link io.github.mssqlk8s.sql.SqlQuote}.
 */
package io.github.mssqlk8s.sql;
