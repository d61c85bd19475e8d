/** Users, roles, sites they may see, password hashing and the access rules the services enforce. */
package org.cytotrial.security;
