/** Subject visits against the study's visit schedule. */
package org.cytotrial.visit;
