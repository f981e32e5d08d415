/** Every name, label, annotation and port the project derives: static functions in one place. */
package io.github.mssqlk8s.naming;
